import { uuidV7 } from '../ids/uuid-v7.js'
import type { JobSpec } from '../ports.js'
import { authenticate } from './authenticate.js'
import { type Accepted, duplicateRejection, evaluate, type Refused } from './evaluate.js'
import type { IntakeCommand, IntakeOutcome } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import { intakeNotice, withNotice } from './intake-notices.js'
import type { IntakeReason } from './intake-reason.js'
import type { LeadRecord, PostDecisionEvent, SourceRecord } from './intake-store.js'
import { CALLBACK_TASK, PROCESS_LEAD_TASK, SYNC_RECOVERY_MS } from './intake-tasks.js'
import { baseRecord, consentOf, type PostRef } from './lead-record.js'
import { acceptedOutcome, rejectedOutcome, withDistribution } from './outcomes.js'
import { reject } from './rejection.js'
import { postCapSlots } from './source-settings.js'

/**
 * Takes in one lead synchronously: authenticate, decide, store, distribute, answer. Posts that
 * fail before the source is known store nothing; every later refusal is stored as a rejected
 * lead so its PostID answers on the status endpoint (docs/protocols/leadexec.md).
 */
export async function accept(deps: IntakeDeps, cmd: IntakeCommand): Promise<IntakeOutcome> {
  const post = { postId: uuidV7(), receivedAt: deps.clock.now().toISOString() }
  const auth = await authenticate(deps, cmd.credentials, cmd.leadTypeId)
  if (!auth.ok) return rejectedOutcome(post, auth, false)
  return decide(deps, cmd, auth.source, post)
}

/** Everything after authentication; the async job calls this for a queued post. */
export async function decide(
  deps: IntakeDeps,
  cmd: IntakeCommand,
  source: SourceRecord,
  post: PostRef,
): Promise<IntakeOutcome> {
  const verdict = await evaluate(deps, cmd, source)
  if (!verdict.ok) return storeRejection(deps, cmd, source, post, verdict)
  const now = deps.clock.now()
  const lead = acceptedRecord(cmd, source, post, verdict, now)
  const campaignId = verdict.campaign?.aid ?? 0
  const final = finishedOnSave(lead)
  const notice = await intakeNotice(deps, 'lead.accepted', lead, now)
  const saved = await deps.store.saveLead({
    lead,
    existingLeadId: post.leadId,
    keys: verdict.keys,
    // A test lead never counts in a cap, the source's post caps included.
    caps: lead.isTest ? [] : postCapSlots(source.id, source.settings, now),
    event: intakeEvent(cmd, 'accepted', null, 'accepted'),
    jobs: withNotice((leadId) => followUpJobs(lead, leadId, post, now), notice),
    outcome: final
      ? (leadId) => ({
          outcome: acceptedOutcome(post, leadId, campaignId, lead.pendingQc),
          status: final,
          jobs: callbackJobs(post, leadId),
        })
      : undefined,
  })
  if (!saved.ok && saved.duplicate) {
    return storeRejection(deps, cmd, source, post, {
      ...verdict,
      ...duplicateRejection(saved.duplicate, source.id),
    })
  }
  if (!saved.ok) {
    const { period, limit } = saved.overCap
    const over = reject('over_post_cap', `This source is over its cap of ${limit} posts per ${period}`)
    return storeRejection(deps, cmd, source, post, { ...verdict, ...over })
  }
  const base = acceptedOutcome(post, saved.leadId, campaignId, lead.pendingQc)
  return final ? base : afterSave(deps, source, post, lead, base)
}

/**
 * The status of a lead that needs nothing after it is stored (no order to check, no delay, not
 * for sale or held for QC), so its outcome is written with it: one transaction per post instead
 * of two (bench scenario 1, docs/performance.md).
 */
function finishedOnSave(lead: LeadRecord): 'accepted' | 'pending_qc' | undefined {
  if (lead.orderId || lead.sendAfter) return undefined
  if (lead.pendingQc) return 'pending_qc'
  return lead.noSell ? 'accepted' : undefined
}

async function afterSave(
  deps: IntakeDeps,
  source: SourceRecord,
  post: PostRef,
  lead: LeadRecord,
  base: IntakeOutcome,
): Promise<IntakeOutcome> {
  if (lead.orderId) {
    // biome-ignore lint/correctness/useHookAtTopLevel: Distributor.useOrder is a port method, not a React hook
    const check = await deps.distributor.useOrder(lead.orderId, source.id, base.leadId)
    if (!check.ok) {
      const refused = rejectedOutcome(
        post,
        reject('outside_criteria', `Order ${lead.orderId}: ${check.reason}`),
      )
      await deps.store.rejectLead(base.leadId, refused, callbackJobs(post, base.leadId))
      return refused
    }
  }
  if (lead.sendAfter) return base
  if (lead.noSell || lead.pendingQc) {
    const status = lead.pendingQc ? 'pending_qc' : 'accepted'
    await deps.store.saveOutcome(base.leadId, base, status, callbackJobs(post, base.leadId))
    return base
  }
  return distributeLead(deps, base, post)
}

/** Hands the stored lead to distribution and records the outcome once (docs/protocols/leadexec.md). */
export async function distributeLead(deps: IntakeDeps, base: IntakeOutcome, post: PostRef) {
  const result = await deps.distributor.distribute(base.leadId)
  const outcome = withDistribution(base, result)
  const status = result.sold ? 'sold' : 'unsold'
  await deps.store.saveOutcome(base.leadId, outcome, status, callbackJobs(post, base.leadId))
  return outcome
}

async function storeRejection(
  deps: IntakeDeps,
  cmd: IntakeCommand,
  source: SourceRecord,
  post: PostRef,
  refused: Refused,
): Promise<IntakeOutcome> {
  const outcome = rejectedOutcome(post, refused)
  const lead: LeadRecord = {
    ...baseRecord(refused.oversize ? { ...cmd, fields: {} } : cmd, source.id, post),
    isTest: cmd.test === true || source.settings.test,
    leadTypeId: refused.leadType?.id ?? null,
    campaignId: refused.campaign?.id ?? null,
    status: 'rejected',
    reason: refused.reason,
    rejectionReason: refused.detail,
    fields: refused.parsed ? { ...refused.parsed.fields } : {},
  }
  const notice = await intakeNotice(deps, 'lead.rejected', lead, deps.clock.now())
  await deps.store.saveRejection({
    lead,
    existingLeadId: post.leadId,
    event: intakeEvent(cmd, 'rejected', refused.detail, refused.reason),
    outcome,
    jobs: withNotice((leadId) => callbackJobs(post, leadId), notice),
  })
  return outcome
}

function acceptedRecord(
  cmd: IntakeCommand,
  source: SourceRecord,
  post: PostRef,
  verdict: Accepted,
  now: Date,
): LeadRecord {
  const delayHours = cmd.sendDelayHours && cmd.sendDelayHours > 0 ? cmd.sendDelayHours : 0
  const fields: Record<string, unknown> = { ...verdict.parsed.fields }
  if (verdict.call) fields.call = verdict.call
  return {
    ...baseRecord(cmd, source.id, post),
    isTest: cmd.test === true || source.settings.test,
    leadTypeId: verdict.leadType.id,
    campaignId: verdict.campaign?.id ?? null,
    status: source.settings.qcHold || verdict.leadType.qcHold ? 'pending_qc' : 'accepted',
    reason: 'accepted',
    fields,
    pendingQc: source.settings.qcHold || verdict.leadType.qcHold,
    sendAfter: delayHours ? new Date(now.getTime() + delayHours * 3_600_000).toISOString() : null,
    consent: consentOf(verdict.parsed),
  }
}

/**
 * Jobs stored with an accepted lead. A delayed lead gets its distribution job at send time; any
 * other sellable lead gets a recovery job that distributes it only if the synchronous path
 * died before recording an outcome (the job checks `processed_at` first).
 */
function followUpJobs(lead: LeadRecord, leadId: number, post: PostRef, now: Date): JobSpec[] {
  if (lead.noSell || lead.pendingQc) return []
  if (lead.sendAfter) {
    const runAt = new Date(lead.sendAfter)
    return [
      { task: PROCESS_LEAD_TASK, payload: { leadId }, options: { runAt, key: `intake-delay:${leadId}` } },
    ]
  }
  if (post.leadId) return []
  const runAt = new Date(now.getTime() + SYNC_RECOVERY_MS)
  return [
    { task: PROCESS_LEAD_TASK, payload: { leadId }, options: { runAt, key: `intake-recover:${leadId}` } },
  ]
}

export function callbackJobs(post: PostRef, leadId: number): JobSpec[] {
  if (!post.callback) return []
  return [{ task: CALLBACK_TASK, payload: { leadId }, options: { key: callbackKey(leadId), maxAttempts: 8 } }]
}

/** The key of a lead's returnurl callback job: one per lead, whichever path stores it. */
export function callbackKey(leadId: number): string {
  return `intake-callback:${leadId}`
}

function intakeEvent(
  cmd: IntakeCommand,
  outcome: string,
  reason: string | null,
  code: IntakeReason,
): PostDecisionEvent {
  return {
    kind: 'intake',
    intent: cmd.intent,
    outcome,
    reason,
    decision: { code, reference: cmd.reference ?? null },
  }
}
