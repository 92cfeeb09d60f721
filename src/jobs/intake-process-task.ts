import type { IntakeDeps } from '../core/intake/intake-deps.js'
import { processLead } from '../core/intake/process-lead.js'
import type { TaskHandler } from './task-handlers.js'

/**
 * `intake.process`: finish a queued, delayed or interrupted post (idempotent; see processLead).
 * Its returnurl callback, stored with the outcome, is this worker's next job (JobResult.next).
 */
export function intakeProcessTask(deps: IntakeDeps): TaskHandler<'intake.process'> {
  return async (payload) => {
    if (!Number.isInteger(payload?.leadId)) return
    return { next: await processLead(deps, payload.leadId) }
  }
}
