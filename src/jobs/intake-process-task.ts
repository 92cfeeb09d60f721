import type { IntakeDeps } from '../core/intake/intake-deps.js'
import type { ProcessLeadPayload } from '../core/intake/intake-tasks.js'
import { processLead } from '../core/intake/process-lead.js'
import type { TaskHandler } from './worker.js'

/** `intake.process`: finish a queued, delayed or interrupted post (idempotent; see processLead). */
export function intakeProcessTask(deps: IntakeDeps): TaskHandler {
  return async (payload: ProcessLeadPayload) => {
    if (!Number.isInteger(payload?.leadId)) return
    await processLead(deps, payload.leadId)
  }
}
