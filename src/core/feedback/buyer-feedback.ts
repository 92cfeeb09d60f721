import { LeadflowError } from '../errors.js'
import { newEventId } from '../events/event-id.js'
import type { Clock } from '../ports.js'
import { notificationJob } from '../webhooks/webhook-events.js'
import { refuseConversion, refuseReturn, refuseReturnRate, returnRateSince } from './acceptance-rules.js'
import { feedbackEvent } from './feedback-event.js'
import * as msg from './feedback-messages.js'
import type { FeedbackStore, SaleContext } from './feedback-store.js'
import { postbackJobs } from './postback-job.js'
import { returnEffects } from './return-effects.js'

export interface FeedbackDeps {
  store: FeedbackStore
  clock: Clock
}

/** A buyer's feedback as the LeadConduit adapter decoded it (000, "How do I provide feedback"). */
export interface BuyerFeedback {
  eventId: string
  type: string
  reason: string
  /** The buyer its credentials name, or null when the event id alone identifies it. */
  buyerId: number | null
  /** Where it came from: LeadConduit /feedback (default), or the buyer portal (same rules, same answers). */
  channel?: 'leadconduit' | 'portal'
}

export type FeedbackOutcome = { outcome: 'success'; status: string } | { outcome: 'failure'; reason: string }

/**
 * Accepts or refuses one buyer feedback. The event id names the sale, so the buyer and the
 * contract whose rules apply (000, "What is an Event ID?"). Unknown event ids and another buyer's
 * event ids are errors (thrown), not refusals: nothing was there for this buyer to give feedback on.
 */
export async function submitBuyerFeedback(deps: FeedbackDeps, fb: BuyerFeedback): Promise<FeedbackOutcome> {
  const sale = await deps.store.saleByEventId(fb.eventId)
  if (!sale) throw new LeadflowError('LF_NOT_FOUND', `Unknown event_id "${fb.eventId}"`)
  const type = fb.type.trim().toLowerCase()
  if (fb.buyerId !== null && fb.buyerId !== sale.buyerId) {
    await refuse(deps, sale, fb, type || 'unknown', 'Credentials of another buyer')
    throw new LeadflowError(
      'LF_FORBIDDEN',
      'This event id was not sent to the buyer these credentials belong to',
    )
  }
  if (type === 'return') return buyerReturn(deps, sale, fb)
  if (type === 'conversion') return buyerConversion(deps, sale, fb)
  return refuse(deps, sale, fb, type || 'unknown', type ? msg.unsupportedType(fb.type) : msg.TYPE_REQUIRED)
}

async function refuse(
  deps: FeedbackDeps,
  sale: SaleContext,
  fb: BuyerFeedback,
  action: string,
  reason: string,
) {
  const at = deps.clock.now()
  const request = { type: fb.type, reason: fb.reason }
  await deps.store.recordEvent(
    feedbackEvent(sale, {
      action,
      channel: fb.channel ?? 'leadconduit',
      outcome: 'failure',
      reason,
      request,
      at,
    }),
  )
  return { outcome: 'failure', reason } as const
}

async function buyerReturn(
  deps: FeedbackDeps,
  sale: SaleContext,
  fb: BuyerFeedback,
): Promise<FeedbackOutcome> {
  const now = deps.clock.now()
  const reason = fb.reason.trim()
  const refusal =
    (reason ? null : msg.REASON_REQUIRED) ??
    (sale.existingReturn ? msg.ALREADY_IN_RETURN_LIST : null) ??
    refuseReturn(sale.policy, { soldAt: sale.soldAt, now, reason, converted: sale.convertedAt !== null })
  if (refusal) return refuse(deps, sale, fb, 'return', refusal)

  const policy = sale.policy
  const status = !policy.autoApprove
    ? 'pending'
    : policy.autoApproveAs === 'replace'
      ? 'replaced'
      : 'credited'
  const known = await deps.store.findReasonByName('return', reason)
  const eventId = newEventId()
  const request = { type: fb.type, reason: fb.reason }
  const result = await deps.store.openReturn({
    sale,
    status,
    reasonId: known?.id ?? null,
    reason,
    deniedReasonId: null,
    channel: fb.channel ?? 'leadconduit',
    event: feedbackEvent(sale, {
      id: eventId,
      action: 'return',
      channel: fb.channel ?? 'leadconduit',
      outcome: 'success',
      reason: null,
      request,
      at: now,
    }),
    effects: returnEffects(sale, status, { eventId, reason, now }),
    rateGuard:
      policy.maxReturnRate === null
        ? undefined
        : { since: returnRateSince(policy, now), refuse: (stats) => refuseReturnRate(policy, stats) },
  })
  if (result.kind === 'created') return { outcome: 'success', status }
  return refuse(
    deps,
    sale,
    fb,
    'return',
    result.kind === 'refused' ? result.reason : msg.ALREADY_IN_RETURN_LIST,
  )
}

async function buyerConversion(
  deps: FeedbackDeps,
  sale: SaleContext,
  fb: BuyerFeedback,
): Promise<FeedbackOutcome> {
  const now = deps.clock.now()
  const returned = sale.existingReturn !== null && sale.existingReturn.status !== 'rejected'
  const refusal = refuseConversion(sale.policy, { returned, converted: sale.convertedAt !== null })
  if (refusal) return refuse(deps, sale, fb, 'conversion', refusal)
  const eventId = newEventId()
  const request = { type: fb.type, reason: fb.reason }
  const event = feedbackEvent(sale, {
    id: eventId,
    action: 'conversion',
    channel: fb.channel ?? 'leadconduit',
    outcome: 'success',
    reason: null,
    request,
    at: now,
  })
  const jobs = [
    ...postbackJobs(sale, {
      type: 'conversion',
      status: 'converted',
      reason: fb.reason.trim() || null,
      event_id: eventId,
      occurred_at: now.toISOString(),
    }),
    notificationJob(
      'conversion.recorded',
      {
        lead_id: sale.leadId,
        sale_id: sale.saleId,
        buyer_id: sale.buyerId,
        contract_id: sale.contractId,
        source_id: sale.sourceId,
        reason: fb.reason.trim() || null,
        event_id: eventId,
      },
      { buyerId: sale.buyerId, sourceId: sale.sourceId },
      now,
    ),
  ]
  const recorded = await deps.store.recordConversion({ sale, event, jobs })
  if (recorded) return { outcome: 'success', status: 'converted' }
  return refuse(deps, sale, fb, 'conversion', msg.ALREADY_CONVERTED)
}
