import type { Kysely } from 'kysely'
import type { AuditChange } from '../core/accounts/account-stores.js'
import type { QcDecision, QcReviewStore } from '../core/distribution/qc-review.js'
import type { EventRecord } from '../core/events/event-record.js'
import type { JobSpec } from '../core/ports.js'
import { insertEvents } from './event-store.js'
import { enqueueJobs } from './job-store.js'
import type { Database } from './schema.js'
import { writeAudit } from './write-audit.js'

/** The QC decision port (src/core/distribution/qc-review.ts) over Kysely. */
export function createQcReviewStore(db: Kysely<Database>): QcReviewStore {
  return {
    decide: (leadId, decision, event, jobs, change, now) =>
      decideQc(db, leadId, decision, event, jobs, change, now),
  }
}

/**
 * Ends a lead's quality-control hold (PendingQCReview) in one transaction: the lead's status, its
 * event and its jobs (the transactional outbox) commit together or not at all. The update is
 * conditional on `pending_qc = 1`, so two admins deciding at once cannot both win: the second
 * gets not_pending. Approval sets the lead to `accepted`; rejection records the reason. The audit
 * row says who decided, status before → after; the reason stays on the lead (it is free text and
 * the privacy purge must be able to reach it), the row only says one was given.
 */
export async function decideQc(
  db: Kysely<Database>,
  leadId: number,
  decision: { approve: boolean; reason: string | null },
  event: EventRecord,
  jobs: readonly JobSpec[],
  change: AuditChange,
  now: Date,
): Promise<QcDecision> {
  const at = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const prior = await trx
      .selectFrom('leads')
      .select('status')
      .where('id', '=', leadId)
      .where('pending_qc', '=', 1)
      .executeTakeFirst()
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
    await insertEvents(trx, [event])
    await enqueueJobs(trx, jobs, now)
    const before = { status: prior?.status ?? null, pending_qc: true }
    const after = decision.approve
      ? { status: 'accepted', pending_qc: false }
      : { status: 'rejected', pending_qc: false, reason_given: decision.reason !== null }
    await writeAudit(trx, change, { resource: 'lead', resourceId: leadId, before, after }, now)
    return { ok: true as const }
  })
}
