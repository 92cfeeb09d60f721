import { type OutboundAttempt, sendOutbound } from '../core/delivery/outbound-attempt.js'
import { newEventId } from '../core/events/event-id.js'
import type { EventRecord } from '../core/events/event-record.js'
import type { Clock, HttpClient, OutboundRequest } from '../core/ports.js'

/** What a recorded outbound attempt needs: the HTTP port, a clock, and where events go. */
export interface AttemptDeps {
  http: HttpClient
  clock: Clock
  recordEvents(events: readonly EventRecord[]): Promise<void>
}

export interface AttemptSpec {
  request: OutboundRequest
  /** Names the receiver in a failure: "returnurl answered HTTP 503". */
  label: string
  /** The `callback` event this attempt becomes. */
  event: { leadId: number | null; sourceId: number | null; step: string; attempt: number }
  /** Values to mask in the recorded request besides credential headers. */
  secrets?: readonly string[]
}

/** A failed attempt as a job sees it: the worker retries it, following `retryAfterMs` when set. */
export class OutboundFailure extends Error {
  override name = 'OutboundFailure'
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
    cause?: Error | null,
  ) {
    super(message, cause ? { cause } : undefined)
  }
}

/**
 * One outbound call made by a job (a returnurl callback, a feedback postback): sent and
 * classified by the one attempt path (src/core/delivery/outbound-attempt.ts), recorded as a
 * `callback` event with the masked request and the clipped answer, and thrown as an
 * OutboundFailure unless it got a 2xx, so the worker retries it (honouring Retry-After).
 */
export async function attemptOutbound(deps: AttemptDeps, spec: AttemptSpec): Promise<OutboundAttempt> {
  const attempt = await sendOutbound(deps.http, spec.request, { clock: deps.clock, secrets: spec.secrets })
  const reason = failureReason(spec.label, attempt)
  await deps.recordEvents([attemptEvent(spec, attempt, reason)])
  if (reason !== null) throw new OutboundFailure(reason, attempt.retryAfterMs, attempt.cause)
  return attempt
}

function failureReason(label: string, attempt: OutboundAttempt): string | null {
  if (attempt.class === 'success') return null
  if (attempt.class === 'http-error') return `${label} answered ${attempt.failure}`
  return `${label} could not be reached: ${attempt.failure}`
}

/** The attempt as an event row (Svix's attempt: url, status, answer, duration, attempt number). */
export function attemptEvent(
  spec: AttemptSpec,
  attempt: OutboundAttempt,
  reason: string | null,
): EventRecord {
  const { startedAt, durationMs } = attempt
  return {
    id: newEventId(),
    leadId: spec.event.leadId,
    sourceId: spec.event.sourceId,
    kind: 'callback',
    step: spec.event.step,
    outcome: reason === null ? 'success' : 'failure',
    reason,
    startedAt,
    finishedAt: new Date(startedAt.getTime() + durationMs),
    durationMs,
    request: attempt.recorded.request,
    response: attempt.recorded.response,
    data: { attempt: spec.event.attempt, status: attempt.status, class: attempt.class },
  }
}
