/**
 * Idempotency keys (`Idempotency-Key` request header; draft-ietf-httpapi-idempotency-key-header):
 * the first request with a key is run and its answer stored; a retry with the same key and the
 * same request gets that answer back, byte for byte, and never runs again. Keys are scoped to the
 * credential that sent them, so two sources using the same key never meet.
 */
export interface StoredAnswer {
  status: number
  contentType: string | null
  location: string | null
  body: string
}

export interface IdempotencyClaim {
  /** Hash of the protocol and the credential material (password, token, API key); never the secret. */
  scope: string
  key: string
  /** Hash of method, URL and body: the same key with another request is refused. */
  requestHash: string
}

export type ClaimResult =
  /** First use (or the earlier use expired or was abandoned): run the request, then `finish`. */
  | { kind: 'run' }
  /** Done before with the same request: answer this. */
  | { kind: 'replay'; answer: StoredAnswer }
  /** Used before with a different request (LF_IDEMPOTENCY_MISMATCH). */
  | { kind: 'mismatch' }
  /** The first request with this key is still running (LF_IDEMPOTENCY_IN_PROGRESS). */
  | { kind: 'in-progress' }

export interface IdempotencyStore {
  claim(claim: IdempotencyClaim, now: Date): Promise<ClaimResult>
  /** Stores the answer of a claimed key; it is replayed until the retention ends. */
  finish(claim: IdempotencyClaim, answer: StoredAnswer, now: Date): Promise<void>
  /** Forgets a claim whose request failed retryably (a 5xx): the retry runs afresh. */
  abandon(claim: IdempotencyClaim): Promise<void>
  /** Deletes keys past their retention; returns how many. */
  prune(now: Date): Promise<number>
}
