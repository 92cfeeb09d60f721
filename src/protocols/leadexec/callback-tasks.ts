import type { StoredPing } from '../../core/intake/intake-store.js'
import type { LeadCallback } from '../../core/intake/lead-callback.js'
import type { PingResult } from '../../core/intake/ping-lead.js'
import type { TaskHandler } from '../../jobs/task-handlers.js'
import { type AttemptDeps, attemptOutbound } from '../../outbound/attempt.js'
import { encodePingResponse } from './encode-ping-response.js'
import { encodePostResponses } from './encode-post-response.js'
import { modeOf } from './leadexec-mode.js'
import { contentTypeOf, type ResponseFormat } from './response-format.js'

const CALLBACK_TIMEOUT_MS = 10_000

export interface CallbackTaskDeps extends AttemptDeps {
  /** Base URL of the StatusURL links in a PostResponse. */
  publicUrl: string
  loadCallback(leadId: number): Promise<LeadCallback | null>
  loadPing(pingId: string): Promise<StoredPing | undefined>
}

interface Callback {
  leadId: number | null
  sourceId: number | null
  url: string
  body: string
  format: ResponseFormat
  attempt: number
  step: string
}

/**
 * One POST of a finished async answer to its `returnurl` (seed 003: "this url will be called
 * when processing is completed with the response details"), through the one outbound attempt
 * path: every attempt is an event, anything but a 2xx throws so the worker retries. The outbound
 * client refuses private addresses unless allowed (LEADFLOW_OUTBOUND_ALLOW). A repeat after a
 * crash sends the same body again: at-least-once, which every webhook receiver must handle.
 */
async function postCallback(deps: AttemptDeps, cb: Callback): Promise<void> {
  await attemptOutbound(deps, {
    request: {
      method: 'POST',
      url: cb.url,
      headers: { 'content-type': contentTypeOf(cb.format) },
      body: cb.body,
      timeoutMs: CALLBACK_TIMEOUT_MS,
    },
    label: 'returnurl',
    event: { leadId: cb.leadId, sourceId: cb.sourceId, step: cb.step, attempt: cb.attempt },
  })
}

/** The response type an async post asked for, kept in its stored command's meta. */
export function storedFormat(meta: Record<string, string> | undefined): ResponseFormat {
  return meta?.format === 'xml' ? 'xml' : 'json'
}

/** `intake.callback`: the full PostResponse of a finished async post, to its returnurl. */
export function intakeCallbackTask(deps: CallbackTaskDeps): TaskHandler<'intake.callback'> {
  return async (payload, job) => {
    const lead = await deps.loadCallback(payload?.leadId ?? 0)
    if (!lead) return
    const format = storedFormat(lead.meta)
    await postCallback(deps, {
      leadId: lead.leadId,
      sourceId: lead.sourceId,
      url: lead.returnUrl,
      body: encodePostResponses([lead.outcome], modeOf(lead.intent), deps.publicUrl, format, false),
      format,
      attempt: job.attempts,
      step: 'returnurl',
    })
  }
}

/** `intake.ping-callback`: the PingResponse of a finished async ping, to its returnurl. */
export function intakePingCallbackTask(deps: CallbackTaskDeps): TaskHandler<'intake.ping-callback'> {
  return async (payload, job) => {
    const ping = await deps.loadPing(payload?.pingId ?? '')
    if (!ping?.returnUrl || !ping.response) return
    const format = storedFormat(ping.request.meta)
    await postCallback(deps, {
      leadId: null,
      sourceId: ping.sourceId,
      url: ping.returnUrl,
      body: encodePingResponse(ping.response as PingResult, format),
      format,
      attempt: job.attempts,
      step: 'ping-returnurl',
    })
  }
}
