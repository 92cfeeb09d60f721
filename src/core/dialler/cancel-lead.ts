import type { Clock } from '../ports.js'
import type { CallQueueStore } from './call-queue-store.js'
import { campaignsToCancel } from './resolve-campaign.js'
import { type CancelLeadCommand, type FieldErrors, validateCancelLead } from './validate-add-lead.js'

export type CancelLeadOutcome =
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'cancelled'; count: number }
  | { kind: 'unknown_type' }
  | { kind: 'not_found' }
  | { kind: 'already_processed' }

/**
 * /lead/cancel: removes the contact's calls that no dialler has been handed yet (Comunik8 Leads
 * API, Removing Leads). A call already handed out or finished answers "already processed"; the
 * cancel is one conditional UPDATE on status 'scheduled', so it cannot race a dialler taking the
 * call: exactly one of the two wins. The contact is forgotten too, so the lead may be added again.
 */
export async function cancelLead(
  store: CallQueueStore,
  clock: Clock,
  command: CancelLeadCommand,
): Promise<CancelLeadOutcome> {
  const check = validateCancelLead(command)
  if (!check.ok) return { kind: 'invalid', errors: check.errors }
  const campaigns = await campaignsToCancel(store, check.type, check.subtype)
  if (campaigns.length === 0) return { kind: 'unknown_type' }
  const ids = campaigns.map((c) => c.id)
  const key = check.mobile.e164
  const now = clock.now()
  return store.inTransaction(async (tx) => {
    const count = await tx.cancelScheduledCalls(ids, key, now)
    if (count > 0) {
      await tx.deleteContacts(ids, key)
      await tx.recordEvent(
        { leadId: null, step: 'cancel', outcome: 'success', reason: null, data: { ids } },
        now,
      )
      return { kind: 'cancelled', count }
    }
    return (await tx.hasProcessedCall(ids, key)) ? { kind: 'already_processed' } : { kind: 'not_found' }
  })
}
