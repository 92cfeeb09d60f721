import type { AuditContext } from '../accounts/caller.js'
import { newEventId } from '../events/event-id.js'
import type { FeedbackDeps } from './buyer-feedback.js'
import { chooseSale, type SaleChoice } from './choose-sale.js'
import { type FeedbackTarget, feedbackEvent } from './feedback-event.js'
import { ALREADY_IN_RETURN_LIST } from './feedback-messages.js'
import type { FeedbackChannel, ReturnStatus, SaleContext } from './feedback-store.js'
import { returnEffects } from './return-effects.js'

/** CAKE's return_type values (002, "return_type"); the native API uses the same four words. */
export const RETURN_TYPES = [
  'approve_to_replace',
  'approve_for_credit',
  'submit_for_approval',
  'reject',
] as const
export type ReturnType = (typeof RETURN_TYPES)[number]

export const STATUS_OF: Readonly<Record<ReturnType, ReturnStatus>> = {
  approve_to_replace: 'replaced',
  approve_for_credit: 'credited',
  submit_for_approval: 'pending',
  reject: 'rejected',
}

export interface AdminReturnCommand {
  /** LeadIdentifier or PostID. */
  leadRef: string
  verticalId: number | null
  contractId: number | null
  returnType: ReturnType
  returnReasonId: number | null
  deniedReasonId: number | null
  channel: FeedbackChannel
  request: unknown
  /** Who asked (the native caller, or the CAKE key): the return's audit row. */
  audit: AuditContext
}

/** The audit action of a return reaching `status` (`return.submit`, `.credit`, `.replace`, `.reject`). */
export const RETURN_ACTION: Readonly<Record<ReturnStatus, string>> = {
  pending: 'return.submit',
  credited: 'return.credit',
  replaced: 'return.replace',
  rejected: 'return.reject',
}

export type AdminReturnResult =
  | { ok: true; status: ReturnStatus; returnId: number }
  | { ok: false; reason: string; notFound?: boolean }

/**
 * An operator's return (CAKE ReturnLead, the native API). The operator owns the acceptance rules,
 * so the buyer rules (window, reasons, rate) do not apply here; reasons must exist, and a return
 * already in the list answers CAKE's "Lead is Already in Return List" (docs/returns.md).
 */
export async function adminReturnLead(
  deps: FeedbackDeps,
  cmd: AdminReturnCommand,
): Promise<AdminReturnResult> {
  const leadId = await deps.store.findLeadId(cmd.leadRef)
  if (leadId === undefined) return { ok: false, reason: `Lead ${cmd.leadRef} was not found`, notFound: true }
  const choice = await saleToReturn(deps, leadId, cmd)
  if (!choice.ok) return refused(deps, { leadId }, cmd, choice.reason)
  const reason = await reasonFor(deps, cmd)
  if (!reason.ok) return refused(deps, choice.sale, cmd, reason.refusal)
  return applyReturn(deps, choice.sale, cmd, reason.name)
}

async function saleToReturn(
  deps: FeedbackDeps,
  leadId: number,
  cmd: AdminReturnCommand,
): Promise<SaleChoice> {
  const all = await deps.store.salesOfLead(leadId)
  const sales = cmd.verticalId === null ? all : all.filter((s) => s.verticalId === cmd.verticalId)
  if (all.length > 0 && sales.length === 0) {
    return { ok: false, reason: `Lead ${cmd.leadRef} is not in vertical ${cmd.verticalId}` }
  }
  return chooseSale(cmd.leadRef, sales, cmd.contractId)
}

type ReasonCheck = { ok: true; name: string } | { ok: false; refusal: string }

/** The return reason must exist (its name is stored on the return); a reject needs a reject reason. */
async function reasonFor(deps: FeedbackDeps, cmd: AdminReturnCommand): Promise<ReasonCheck> {
  if (cmd.returnReasonId === null) return { ok: false, refusal: 'A return reason is required' }
  const reason = await deps.store.findReason('return', cmd.returnReasonId)
  if (!reason?.active) return { ok: false, refusal: `Return reason ${cmd.returnReasonId} does not exist` }
  if (cmd.returnType !== 'reject') return { ok: true, name: reason.name }
  if (cmd.deniedReasonId === null) {
    return { ok: false, refusal: 'A denied (reject) reason is required to reject a return' }
  }
  const denied = await deps.store.findReason('reject', cmd.deniedReasonId)
  if (!denied?.active) return { ok: false, refusal: `Reject reason ${cmd.deniedReasonId} does not exist` }
  return { ok: true, name: reason.name }
}

async function recordAttempt(
  deps: FeedbackDeps,
  target: FeedbackTarget,
  cmd: AdminReturnCommand,
  reason: string,
) {
  const at = deps.clock.now()
  const fields = { action: cmd.returnType, channel: cmd.channel, request: cmd.request, at }
  await deps.store.recordEvent(feedbackEvent(target, { ...fields, outcome: 'failure', reason }))
}

/** A new return, or a decision on the one already queued for this sale. */
async function applyReturn(
  deps: FeedbackDeps,
  sale: SaleContext,
  cmd: AdminReturnCommand,
  reason: string,
): Promise<AdminReturnResult> {
  let existing = sale.existingReturn
  if (!existing) {
    const opened = await openAdminReturn(deps, sale, cmd, reason)
    if (opened.kind === 'created')
      return { ok: true, status: STATUS_OF[cmd.returnType], returnId: opened.returnId }
    if (opened.kind === 'refused') return refused(deps, sale, cmd, opened.reason)
    existing = opened.existing
  }
  // 002: leads "in the return queue can be approved for credit or to be replaced" (or rejected);
  // submitting again, or deciding a decided return, is the documented duplicate.
  if (cmd.returnType === 'submit_for_approval' || existing.status !== 'pending') {
    return refused(deps, sale, cmd, ALREADY_IN_RETURN_LIST)
  }
  const decided = await decidePending(deps, sale, existing.id, cmd, existing.reason)
  if (!decided) return refused(deps, sale, cmd, ALREADY_IN_RETURN_LIST)
  return { ok: true, status: STATUS_OF[cmd.returnType], returnId: existing.id }
}

async function refused(deps: FeedbackDeps, target: FeedbackTarget, cmd: AdminReturnCommand, reason: string) {
  await recordAttempt(deps, target, cmd, reason)
  return { ok: false as const, reason }
}

async function openAdminReturn(
  deps: FeedbackDeps,
  sale: SaleContext,
  cmd: AdminReturnCommand,
  reason: string,
) {
  const now = deps.clock.now()
  const eventId = newEventId()
  const status = STATUS_OF[cmd.returnType]
  return deps.store.openReturn({
    sale,
    status,
    reasonId: cmd.returnReasonId,
    reason,
    deniedReasonId: status === 'rejected' ? cmd.deniedReasonId : null,
    channel: cmd.channel,
    event: successEvent(sale, cmd, eventId, now),
    effects: returnEffects(sale, status, { eventId, reason, now }),
    audit: { audit: cmd.audit, action: RETURN_ACTION[status] },
  })
}

/** Decides the queued return of `sale`; false when another request decided it first. */
export async function decidePending(
  deps: FeedbackDeps,
  sale: SaleContext,
  returnId: number,
  cmd: Pick<AdminReturnCommand, 'returnType' | 'deniedReasonId' | 'channel' | 'request' | 'audit'>,
  reason: string | null,
): Promise<boolean> {
  const now = deps.clock.now()
  const eventId = newEventId()
  const status = STATUS_OF[cmd.returnType]
  if (status === 'pending') return false
  return deps.store.decideReturn({
    returnId,
    sale,
    status,
    deniedReasonId: status === 'rejected' ? cmd.deniedReasonId : null,
    event: successEvent(sale, cmd, eventId, now),
    effects: returnEffects(sale, status, { eventId, reason, now }),
    audit: { audit: cmd.audit, action: RETURN_ACTION[status] },
  })
}

function successEvent(
  sale: SaleContext,
  cmd: Pick<AdminReturnCommand, 'returnType' | 'channel' | 'request'>,
  id: string,
  at: Date,
) {
  const fields = { id, action: cmd.returnType, channel: cmd.channel, request: cmd.request, at }
  return feedbackEvent(sale, { ...fields, outcome: 'success', reason: null })
}
