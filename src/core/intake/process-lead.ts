import { callbackJobs, callbackKey, decide, distributeLead } from './accept.js'
import type { IntakeCommand } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import type { StoredLead } from './intake-store.js'
import { baseRecord, type PostRef } from './lead-record.js'
import { acceptedOutcome, rejectedOutcome } from './outcomes.js'
import { reject } from './rejection.js'

/**
 * The `intake.process` job: finishes a queued async post, a delayed (sendDelay) lead, or a
 * synchronous post whose process died before recording an outcome. Idempotent: a lead with a
 * recorded outcome is finished; only a `queued` lead is decided and only an `accepted` one is
 * distributed, so a re-run after a crash never decides or sells a lead twice. A lead that
 * distribution already finished (sold/unsold) but whose outcome was not yet recorded gets its
 * outcome (and callback) without being distributed again.
 *
 * Returns the keys of jobs due at once that this run may have stored with the outcome — the
 * returnurl callback of an async post — so the worker runs them next (JobResult.next) instead of
 * behind every post queued meanwhile. A key whose job was not stored (a delayed lead) claims
 * nothing.
 */
export async function processLead(deps: IntakeDeps, leadId: number): Promise<string[]> {
  const lead = await deps.store.loadLead(leadId)
  if (!lead) return []
  if (lead.outcome) {
    await distributeApprovedQc(deps, lead)
    return []
  }
  const post: PostRef = {
    postId: lead.postId,
    receivedAt: lead.receivedAt,
    leadId: lead.id,
    callback: lead.returnUrl !== null && lead.raw.async === true,
  }
  await finish(deps, lead, post)
  return post.callback ? [callbackKey(lead.id)] : []
}

async function finish(deps: IntakeDeps, lead: StoredLead, post: PostRef): Promise<void> {
  if (lead.status === 'queued') return processQueued(deps, lead, post)
  const campaign = lead.campaignId === null ? undefined : await deps.store.findCampaignById(lead.campaignId)
  const base = acceptedOutcome(post, lead.id, campaign?.aid ?? 0, lead.pendingQc)
  if (lead.status === 'accepted' && !lead.noSell) await distributeLead(deps, base, post)
  else if (lead.status === 'sold' || lead.status === 'unsold') {
    await deps.store.saveOutcome(lead.id, base, lead.status, callbackJobs(post, lead.id))
  }
}

/**
 * A QC-held lead has its PendingQCReview outcome from intake; approval (core/distribution/
 * qc-review.ts) makes it `accepted` with this job as the safety net. Still `accepted` means the
 * approving request died before distributing it; sold or unsold means it did, so nothing is left.
 */
async function distributeApprovedQc(deps: IntakeDeps, lead: StoredLead): Promise<void> {
  if (lead.status === 'accepted' && !lead.noSell && lead.outcome?.pendingQc) {
    await deps.distributor.distribute(lead.id)
  }
}

async function processQueued(deps: IntakeDeps, lead: StoredLead, post: PostRef): Promise<void> {
  const source = lead.sourceId === null ? undefined : await deps.store.findSourceById(lead.sourceId)
  const cmd = lead.raw.command as IntakeCommand
  if (source) {
    await decide(deps, cmd, source, post)
    return
  }
  // The source was deleted while its post waited: refuse it like an unknown account.
  const refused = rejectedOutcome(post, reject('unknown_account', 'The lead source no longer exists'))
  await deps.store.saveRejection({
    lead: {
      ...baseRecord(cmd, lead.sourceId ?? 0, post),
      status: 'rejected',
      reason: refused.reason,
      rejectionReason: refused.detail,
    },
    existingLeadId: lead.id,
    event: { kind: 'intake', intent: cmd.intent, outcome: 'rejected', reason: refused.detail },
    outcome: refused,
    jobs: (leadId) => callbackJobs(post, leadId),
  })
}
