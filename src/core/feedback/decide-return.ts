import type { AuditContext } from '../accounts/caller.js'
import { LeadflowError } from '../errors.js'
import { decidePending, type ReturnType, STATUS_OF } from './admin-return.js'
import type { FeedbackDeps } from './buyer-feedback.js'
import type { ReturnStatus } from './feedback-store.js'

export type QueueDecision = Exclude<ReturnType, 'submit_for_approval'>

/**
 * An operator's decision on a queued return (native API return queue). Unlike CAKE, which answers
 * in its own success/message shape, this raises registry errors: unknown return → LF_NOT_FOUND,
 * already decided → LF_CONFLICT, missing or unknown reject reason → LF_VALIDATION.
 */
export async function decideQueuedReturn(
  deps: FeedbackDeps,
  returnId: number,
  decision: QueueDecision,
  deniedReasonId: number | null,
  audit: AuditContext,
): Promise<ReturnStatus> {
  const sale = await deps.store.saleOfReturn(returnId)
  const queued = sale?.existingReturn
  if (!sale || !queued) throw new LeadflowError('LF_NOT_FOUND', `Return ${returnId} does not exist`)
  if (queued.status !== 'pending') {
    throw new LeadflowError('LF_CONFLICT', `Return ${returnId} is already ${queued.status}`)
  }
  if (decision === 'reject') await requireRejectReason(deps, deniedReasonId)
  const cmd = {
    returnType: decision,
    deniedReasonId,
    channel: 'native' as const,
    request: { decision, deniedReasonId },
    audit,
  }
  const decided = await decidePending(deps, sale, returnId, cmd, queued.reason)
  if (!decided) throw new LeadflowError('LF_CONFLICT', `Return ${returnId} was decided by another request`)
  return STATUS_OF[decision]
}

async function requireRejectReason(deps: FeedbackDeps, id: number | null): Promise<void> {
  if (id === null) throw new LeadflowError('LF_VALIDATION', 'deniedReasonId is required to reject a return')
  const reason = await deps.store.findReason('reject', id)
  if (!reason?.active) throw new LeadflowError('LF_VALIDATION', `Reject reason ${id} does not exist`)
}
