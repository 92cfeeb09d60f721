import type { Leadflow } from '../app/leadflow.js'
import { coerceError } from '../core/errors.js'
import { instantEvent } from '../core/events/event-record.js'
import type { PostbackPayload } from '../core/feedback/postback-job.js'
import type { OutboundResponse } from '../core/ports.js'
import { insertEvents } from '../storage/event-store.js'
import type { TaskHandler } from './worker.js'

const TIMEOUT_MS = 10_000

/**
 * Forwards accepted feedback to the source's postback URL (core/feedback/postback-job.ts). Each
 * attempt is a `callback` event on the lead; a transport failure or a non-2xx answer throws, and
 * the worker retries on its schedule. At-least-once: the `Idempotency-Key` header (the feedback
 * event id) lets the source drop a repeat.
 */
export function feedbackPostbackTask(lf: Leadflow): TaskHandler {
  return async (payload: PostbackPayload, job) => {
    const started = lf.clock.now()
    let response: OutboundResponse | undefined
    let failure: Error | undefined
    try {
      response = await lf.http.request({
        method: 'POST',
        url: payload.url,
        headers: { 'content-type': 'application/json', 'idempotency-key': payload.body.event_id },
        body: JSON.stringify(payload.body),
        timeoutMs: TIMEOUT_MS,
      })
      if (response.status < 200 || response.status > 299)
        failure = new Error(`Postback answered ${response.status}`)
    } catch (thrown) {
      failure = coerceError(thrown)
    }
    await insertEvents(lf.db, [
      {
        ...instantEvent({
          leadId: payload.leadId,
          kind: 'callback',
          step: 'feedback.postback',
          sourceId: payload.sourceId,
          outcome: failure ? 'failure' : 'success',
          reason: failure?.message ?? null,
          request: { url: payload.url, body: payload.body },
          response: response ? { status: response.status, body: response.body.slice(0, 2000) } : null,
          data: { attempt: job.attempts },
          at: started,
        }),
        durationMs: response?.durationMs ?? null,
      },
    ])
    if (failure) throw failure
  }
}
