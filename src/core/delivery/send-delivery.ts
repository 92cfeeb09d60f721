import type { HttpClient, OutboundRequest } from '../ports.js'
import type { ResponseRules } from './delivery-settings.js'
import { type ParsedResponse, parseResponse } from './parse-response.js'

export interface DeliveryAttempt extends ParsedResponse {
  status: number | null
  durationMs: number
  response: { status: number; headers: Record<string, string>; body: string } | null
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

/**
 * Sends one request and reads the answer. A timeout, refused or reset connection, or any other
 * transport failure is an `error` outcome carrying its cause; it never throws (STYLE.md rule 5).
 */
export async function sendDelivery(
  http: HttpClient,
  request: OutboundRequest,
  rules: ResponseRules | undefined,
  now: () => number = () => performance.now(),
): Promise<DeliveryAttempt> {
  const started = now()
  try {
    const res = await http.request(request)
    return { ...parseResponse(res, rules), status: res.status, durationMs: res.durationMs, response: res }
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError' || /timeout/i.test(describeError(error))
    const reason = timedOut
      ? `timeout after ${request.timeoutMs} ms`
      : `connection error: ${describeError(error)}`
    return unansweredAttempt('error', reason, Math.round(now() - started))
  }
}
