import type { Leadflow } from '../app/leadflow.js'
import type { IntakeDeps } from '../core/intake/intake-deps.js'
import type { PingPayload } from '../core/intake/intake-tasks.js'
import { type PingResult, processPing } from '../core/intake/ping-lead.js'
import { encodePingResponse } from '../protocols/leadexec/encode-ping-response.js'
import { postCallback, storedFormat } from './post-callback.js'
import type { TaskHandler } from './worker.js'

/** `intake.ping`: run a queued async ping (idempotent; see processPing). */
export function intakePingTask(deps: IntakeDeps): TaskHandler {
  return async (payload: PingPayload) => {
    if (typeof payload?.pingId === 'string') await processPing(deps, payload.pingId)
  }
}

/** `intake.ping-callback`: the PingResponse of a finished async ping, to its returnurl. */
export function intakePingCallbackTask(lf: Leadflow, deps: IntakeDeps): TaskHandler {
  return async (payload: PingPayload, job) => {
    const ping = await deps.store.loadPing(payload?.pingId ?? '')
    if (!ping?.returnUrl || !ping.response) return
    const format = storedFormat(ping.request.meta)
    await postCallback(lf, {
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
