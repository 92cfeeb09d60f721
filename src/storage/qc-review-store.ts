import type { Kysely } from 'kysely'
import { instantEvent } from '../core/events/event-record.js'
import { insertEvents } from './event-store.js'
import type { Database } from './schema.js'

export type QcDecision = { ok: true } | { ok: false; reason: 'not_found' | 'not_pending' }

/**
 * Ends a lead's quality-control hold (PendingQCReview). The update is conditional on
 * `pending_qc = 1`, so two admins deciding at once cannot both win: the second gets not_pending.
 * Approval sets the lead to `accepted`, ready for distribution; rejection records the reason.
 */
export async function decideQc(
  db: Kysely<Database>,
  leadId: number,
  decision: { approve: boolean; reason: string | null },
  now: Date,
): Promise<QcDecision> {
  const at = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('leads')
      .set(
        decision.approve
          ? { pending_qc: 0, qc_reviewed_at: at, status: 'accepted' }
          : {
              pending_qc: 0,
              qc_reviewed_at: at,
              qc_rejected: 1,
              qc_reason: decision.reason,
              status: 'rejected',
              rejection_reason: decision.reason,
              processed_at: at,
            },
      )
      .where('id', '=', leadId)
      .where('pending_qc', '=', 1)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) {
      const exists = await trx.selectFrom('leads').select('id').where('id', '=', leadId).executeTakeFirst()
      return { ok: false as const, reason: exists ? ('not_pending' as const) : ('not_found' as const) }
    }
    await insertEvents(trx, [
      instantEvent({
        leadId,
        kind: 'qc',
        step: 'review',
        outcome: decision.approve ? 'approved' : 'rejected',
        reason: decision.reason,
        at: now,
      }),
    ])
    return { ok: true as const }
  })
}
