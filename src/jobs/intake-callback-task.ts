import { instantEvent } from '../core/events/event-record.js'
import type { IntakeMode, IntakeOutcome } from '../core/intake/intake-command.js'
import type { CallbackPayload } from '../core/intake/intake-tasks.js'
import type { Leadflow } from '../http/context.js'
import { encodePostResponses } from '../protocols/leadexec/encode-post-response.js'
import { contentTypeOf, type ResponseFormat } from '../protocols/leadexec/response-format.js'
import { insertEvents } from '../storage/event-store.js'
import type { TaskHandler } from './worker.js'

const CALLBACK_TIMEOUT_MS = 10_000

/**
 * `intake.callback`: POSTs the full response of a finished async post to its `returnurl`
 * (seed 003, "returnurl … will be called when processing is completed with the response
 * details"), in the response type the post asked for. Every attempt is an event row with the
 * exact request and answer; anything but a 2xx throws, so the worker retries with backoff.
 * The outbound client refuses private and loopback addresses unless the operator allowed them
 * (LEADFLOW_OUTBOUND_ALLOW). A repeat after a crash sends the same body again, which is the
 * at-least-once promise every webhook receiver must handle.
 */
export function intakeCallbackTask(lf: Leadflow): TaskHandler {
  return async (payload: CallbackPayload, job) => {
    const lead = await lf.db
      .selectFrom('leads')
      .select(['id', 'source_id', 'mode', 'return_url', 'raw_json', 'outcome_json'])
      .where('id', '=', payload?.leadId ?? 0)
      .executeTakeFirst()
    if (!lead?.return_url || !lead.outcome_json) return
    const outcome = JSON.parse(lead.outcome_json) as IntakeOutcome
    const format = callbackFormat(lead.raw_json)
    const body = encodePostResponses([outcome], lead.mode as IntakeMode, lf.config.publicUrl, format, false)
    const request = {
      method: 'POST',
      url: lead.return_url,
      headers: { 'content-type': contentTypeOf(format) },
      body,
    }
    const started = lf.clock.now()
    let failure: string | null = null
    let response: { status: number; body: string } | null = null
    try {
      const res = await lf.http.request({ ...request, timeoutMs: CALLBACK_TIMEOUT_MS })
      response = { status: res.status, body: res.body.slice(0, 4000) }
      if (res.status < 200 || res.status >= 300) failure = `returnurl answered HTTP ${res.status}`
    } catch (error) {
      failure = `returnurl could not be reached: ${(error as Error).message}`
    }
    const event = instantEvent({
      leadId: lead.id,
      sourceId: lead.source_id,
      kind: 'callback',
      step: 'returnurl',
      outcome: failure ? 'failure' : 'success',
      reason: failure,
      request,
      response,
      data: { attempt: job.attempts },
      at: started,
    })
    await insertEvents(lf.db, [event])
    if (failure) throw new Error(failure)
  }
}

function callbackFormat(rawJson: string): ResponseFormat {
  try {
    return JSON.parse(rawJson)?.command?.meta?.format === 'xml' ? 'xml' : 'json'
  } catch {
    return 'json'
  }
}
