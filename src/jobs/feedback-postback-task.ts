import type { AttemptDeps } from '../outbound/attempt.js'
import { attemptOutbound } from '../outbound/attempt.js'
import type { TaskHandler } from './task-handlers.js'

const TIMEOUT_MS = 10_000

/**
 * Forwards accepted feedback to the source's postback URL (core/feedback/postback-job.ts). Each
 * attempt is a `callback` event on the lead; a transport failure or a non-2xx answer throws, and
 * the worker retries on its schedule (or the source's Retry-After). At-least-once: the
 * `Idempotency-Key` header (the feedback event id) lets the source drop a repeat.
 */
export function feedbackPostbackTask(deps: AttemptDeps): TaskHandler<'feedback.postback'> {
  return async (payload, job) => {
    await attemptOutbound(deps, {
      request: {
        method: 'POST',
        url: payload.url,
        headers: { 'content-type': 'application/json', 'idempotency-key': payload.body.event_id },
        body: JSON.stringify(payload.body),
        timeoutMs: TIMEOUT_MS,
      },
      label: 'postback',
      event: {
        leadId: payload.leadId,
        sourceId: payload.sourceId,
        step: 'feedback.postback',
        attempt: job.attempts,
      },
    })
  }
}
