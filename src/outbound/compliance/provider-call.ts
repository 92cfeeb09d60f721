import type { ProviderAnswer } from '../../core/compliance/compliance-ports.js'
import type { Auth } from '../../core/delivery/delivery-settings.js'
import { type OutboundAttempt, sendOutbound } from '../../core/delivery/outbound-attempt.js'
import type { Clock, HttpClient, OutboundRequest } from '../../core/ports.js'

export interface ProviderDeps {
  http: HttpClient
  clock: Clock
  timeoutMs: number
}

/** One provider call through the one outbound path (guard, timeout, masking, clipping). */
export async function callProvider(
  deps: ProviderDeps,
  request: Omit<OutboundRequest, 'timeoutMs'>,
  mask: { auth?: Auth; secrets?: readonly string[] } = {},
): Promise<{ attempt: OutboundAttempt; json: any; call: NonNullable<ProviderAnswer['call']> }> {
  const attempt = await sendOutbound(
    deps.http,
    { ...request, timeoutMs: deps.timeoutMs },
    { ...mask, clock: deps.clock },
  )
  let json: any = null
  try {
    json = attempt.response ? JSON.parse(attempt.response.body) : null
  } catch {
    json = null
  }
  const call = {
    request: attempt.recorded.request,
    response: attempt.recorded.response,
    startedAt: attempt.startedAt,
    durationMs: attempt.durationMs,
  }
  return { attempt, json, call }
}

/** An answer that says nothing about the lead: the provider failed, or answered what we cannot read. */
export function providerError(
  label: string,
  attempt: OutboundAttempt,
  call: ProviderAnswer['call'],
  detail?: string,
): ProviderAnswer {
  const why =
    detail ??
    (attempt.class === 'http-error'
      ? `answered ${attempt.failure}`
      : `could not be reached: ${attempt.failure}`)
  return { outcome: 'error', reason: `${label} ${why}`, data: {}, call }
}

export function basicAuth(username: string, password: string): { header: string; auth: Auth } {
  return {
    header: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
    auth: { kind: 'basic', username, password },
  }
}
