import type { AuditChange } from '../accounts/account-stores.js'
import type { AuditContext } from '../accounts/caller.js'
import { type EventRecord, instantEvent } from '../events/event-record.js'
import { PROCESS_LEAD_TASK, SYNC_RECOVERY_MS } from '../intake/intake-tasks.js'
import type { Clock, JobSpec } from '../ports.js'
import type { DistributionOutcome, Distributor } from './distributor.js'

export type QcDecision = { ok: true } | { ok: false; reason: 'not_found' | 'not_pending' }

/**
 * The QC decision as one transaction: lead status, its event, any jobs and its audit row
 * (`lead.qc_approve` / `lead.qc_reject`), all or nothing.
 */
export interface QcReviewStore {
  decide(
    leadId: number,
    decision: { approve: boolean; reason: string | null },
    event: EventRecord,
    jobs: readonly JobSpec[],
    change: AuditChange,
    now: Date,
  ): Promise<QcDecision>
}

export type QcApproval = { ok: true; outcome: DistributionOutcome } | Extract<QcDecision, { ok: false }>

export interface QcReview {
  /** Approves a held lead and distributes it at once; its outcome is returned. */
  approve(leadId: number, audit: AuditContext): Promise<QcApproval>
  reject(leadId: number, reason: string, audit: AuditContext): Promise<QcDecision>
}

export interface QcReviewDeps {
  store: QcReviewStore
  distributor: Distributor
  clock: Clock
}

/**
 * Ends a lead's QC hold (docs/distribution.md). Approval commits `accepted`, its event and an
 * `intake.process` recovery job together (transactional outbox), then distributes at once, as a
 * synchronous post does: if the process dies between the commit and the sale, the job (due after
 * SYNC_RECOVERY_MS, like intake's) distributes the lead; once sold or unsold it does nothing.
 */
export function createQcReview(deps: QcReviewDeps): QcReview {
  const { store, distributor, clock } = deps
  return {
    async approve(leadId, audit) {
      const now = clock.now()
      const runAt = new Date(now.getTime() + SYNC_RECOVERY_MS)
      const job: JobSpec = {
        task: PROCESS_LEAD_TASK,
        payload: { leadId },
        options: { runAt, key: `qc-approve:${leadId}` },
      }
      const decided = await store.decide(
        leadId,
        { approve: true, reason: null },
        qcEvent(leadId, null, now),
        [job],
        { audit, action: 'lead.qc_approve' },
        now,
      )
      if (!decided.ok) return decided
      return { ok: true, outcome: await distributor.distribute(leadId) }
    },
    async reject(leadId, reason, audit) {
      const now = clock.now()
      const change = { audit, action: 'lead.qc_reject' }
      return store.decide(leadId, { approve: false, reason }, qcEvent(leadId, reason, now), [], change, now)
    },
  }
}

function qcEvent(leadId: number, reason: string | null, at: Date): EventRecord {
  return instantEvent({
    leadId,
    kind: 'qc',
    step: 'review',
    outcome: reason === null ? 'approved' : 'rejected',
    reason,
    at,
  })
}
