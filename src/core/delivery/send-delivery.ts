import type { HttpClient, OutboundRequest } from '../ports.js'
import type { Auth, ResponseRules } from './delivery-settings.js'
import { type MaskedRequest, type StoredResponse, sendOutbound } from './outbound-attempt.js'
import { type ParsedResponse, parseResponse } from './parse-response.js'

export interface DeliveryAttempt extends ParsedResponse {
  status: number | null
  durationMs: number
  /** The answer as an event stores it (body clipped). */
  response: StoredResponse | null
  /** A buyer's `Retry-After`, ms from the answer, for the delivery retry schedule. */
  retryAfterMs?: number | null
  /** Not sent because the lead's own data could not be encoded: neither a buyer answer nor error. */
  leadDataProblem?: boolean
}

/** A delivery attempt with the request as an event stores it (secrets masked). */
export interface RecordedDelivery extends DeliveryAttempt {
  request: MaskedRequest | null
}

/** An attempt that got no HTTP answer to read (transport failure, call queue, no endpoint). */
export function unansweredAttempt(
  outcome: DeliveryAttempt['outcome'],
  reason: string,
  durationMs: number,
): DeliveryAttempt {
  return {
    outcome,
    reason,
    priceCents: null,
    redirectUrl: '',
    buyerLeadId: '',
    agentName: '',
    agentPhone: '',
    status: null,
    durationMs,
    response: null,
  }
}

/**
 * Sends one delivery through the outbound attempt (core/delivery/outbound-attempt.ts) and reads
 * the answer by the contract's rules. A transport failure is an `error` outcome carrying its
 * cause; it never throws (STYLE.md rule 5).
 */
export async function sendDelivery(
  http: HttpClient,
  request: OutboundRequest,
  rules: ResponseRules | undefined,
  auth?: Auth,
): Promise<RecordedDelivery> {
  const attempt = await sendOutbound(http, request, { auth })
  const { request: masked, response } = attempt.recorded
  if (!attempt.response) {
    return { ...unansweredAttempt('error', attempt.failure ?? '', attempt.durationMs), request: masked }
  }
  return {
    ...parseResponse(attempt.response, rules),
    status: attempt.status,
    durationMs: attempt.durationMs,
    response,
    retryAfterMs: attempt.retryAfterMs,
    request: masked,
  }
}
