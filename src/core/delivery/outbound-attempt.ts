import { coerceError } from '../errors.js'
import {
  type Clock,
  type HttpClient,
  type OutboundRequest,
  type OutboundResponse,
  systemClock,
} from '../ports.js'
import type { Auth } from './delivery-settings.js'
import { maskRequest } from './mask-secrets.js'
import { parseRetryAfter } from './retry-schedule.js'

/** How one outbound call went: a 2xx, another HTTP status, no answer in time, no answer at all. */
export type AttemptClass = 'success' | 'http-error' | 'timeout' | 'transport-error'

export type MaskedRequest = ReturnType<typeof maskRequest>

export interface StoredResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/** One outbound call, as data (Svix's attempt row): what was sent, what came back, how long. */
export interface OutboundAttempt {
  class: AttemptClass
  /** Why it failed, e.g. "HTTP 503", "timeout after 10000 ms", "connection error: …"; null on a 2xx. */
  failure: string | null
  /** The transport error behind a timeout or transport error. */
  cause: Error | null
  status: number | null
  startedAt: Date
  durationMs: number
  /** The answer in full, to read; store `recorded.response` instead. */
  response: OutboundResponse | null
  /** The server's `Retry-After`, in ms from now, when it sent one. */
  retryAfterMs: number | null
  /** What an event keeps: the request with secrets masked, the answer with its body clipped. */
  recorded: { request: MaskedRequest; response: StoredResponse | null }
}

export interface AttemptOptions {
  /** Credentials of the target, masked wherever they appear in the recorded request. */
  auth?: Auth
  /** More values to mask in the recorded request (secrets, personal fields). */
  secrets?: readonly string[]
  clock?: Clock
  /** A monotonic timer for the duration of a call that got no answer. */
  timer?: () => number
}

/** Events keep at most 64 KiB of an answer: enough to debug a receiver, not a megabyte per post. */
export const MAX_STORED_BODY = 64 * 1024

/**
 * Sends one request through the HttpClient port, times it and classifies it. Never throws
 * (STYLE.md rule 5): a timeout or a refused, reset or guarded connection is a failed attempt
 * carrying its cause. The caller decides what a failure means (a job retry, a delivery error).
 */
export async function sendOutbound(
  http: HttpClient,
  request: OutboundRequest,
  options: AttemptOptions = {},
): Promise<OutboundAttempt> {
  const clock = options.clock ?? systemClock
  const timer = options.timer ?? (() => performance.now())
  const startedAt = clock.now()
  const started = timer()
  const recordedRequest = maskRequest(request, options.auth, options.secrets)
  try {
    const res = await http.request(request)
    const ok = res.status >= 200 && res.status < 300
    return {
      class: ok ? 'success' : 'http-error',
      failure: ok ? null : `HTTP ${res.status}`,
      cause: null,
      status: res.status,
      startedAt,
      durationMs: res.durationMs,
      response: res,
      retryAfterMs: parseRetryAfter(res.headers['retry-after'], clock.now()),
      recorded: { request: recordedRequest, response: clipped(res) },
    }
  } catch (thrown) {
    const cause = coerceError(thrown)
    const timedOut = cause.name === 'TimeoutError' || /timeout/i.test(describeError(cause))
    return {
      ...unanswered(timedOut ? 'timeout' : 'transport-error', transportFailure(cause, request, timedOut)),
      cause,
      startedAt,
      durationMs: Math.round(timer() - started),
      recorded: { request: recordedRequest, response: null },
    }
  }
}

function unanswered(cls: AttemptClass, failure: string) {
  return { class: cls, failure, status: null, response: null, retryAfterMs: null }
}

function transportFailure(cause: Error, request: OutboundRequest, timedOut: boolean): string {
  return timedOut ? `timeout after ${request.timeoutMs} ms` : `connection error: ${describeError(cause)}`
}

/** The answer as an event keeps it: the body cut at MAX_STORED_BODY with a note of its length. */
export function clipped(response: StoredResponse | null): StoredResponse | null {
  if (!response) return null
  const { status, headers, body } = response
  if (body.length <= MAX_STORED_BODY) return { status, headers, body }
  return { status, headers, body: `${body.slice(0, MAX_STORED_BODY)}… [truncated ${body.length} chars]` }
}

/** The cause chain of a transport failure, e.g. "fetch failed: connect ECONNREFUSED 127.0.0.1:9". */
export function describeError(error: unknown): string {
  const parts: string[] = []
  let cur: any = error
  for (let i = 0; cur && i < 4; i++, cur = cur.cause) {
    const text =
      cur.code && !String(cur.message).includes(cur.code) ? `${cur.code} ${cur.message}` : cur.message
    if (text && !parts.includes(text)) parts.push(String(text))
  }
  return parts.join(': ') || String(error)
}
