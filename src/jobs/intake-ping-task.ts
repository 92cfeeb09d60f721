import type { IntakeDeps } from '../core/intake/intake-deps.js'
import { processPing } from '../core/intake/ping-lead.js'
import type { TaskHandler } from './task-handlers.js'

/** `intake.ping`: run a queued async ping (idempotent; see processPing). */
export function intakePingTask(deps: IntakeDeps): TaskHandler<'intake.ping'> {
  return async (payload) => {
    if (typeof payload?.pingId === 'string') await processPing(deps, payload.pingId)
  }
}
