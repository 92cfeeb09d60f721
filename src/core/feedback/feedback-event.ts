import { type EventRecord, instantEvent } from '../events/event-record.js'
import type { FeedbackChannel, SaleContext } from './feedback-store.js'

/** A sale, or only its lead when the attempt could not be tied to one sale. */
export type FeedbackTarget = Pick<SaleContext, 'leadId'> &
  Partial<Pick<SaleContext, 'contractId' | 'buyerId' | 'sourceId' | 'saleId' | 'eventId'>>

export interface FeedbackEventFields {
  /** e.g. return, conversion, approve_for_credit */
  action: string
  channel: FeedbackChannel
  outcome: 'success' | 'failure'
  reason: string | null
  request: unknown
  at: Date
  id?: string
}

/**
 * Every feedback attempt, accepted or not, is an event on the lead (issue 5), with the buyer and
 * contract it concerns, so the lead's trail shows who asked for what and why it was refused.
 */
export function feedbackEvent(target: FeedbackTarget, f: FeedbackEventFields): EventRecord {
  return instantEvent({
    id: f.id,
    leadId: target.leadId,
    kind: 'feedback',
    step: `${f.channel}.${f.action}`,
    contractId: target.contractId ?? null,
    buyerId: target.buyerId ?? null,
    sourceId: target.sourceId ?? null,
    outcome: f.outcome,
    reason: f.reason,
    request: f.request,
    data: target.saleId ? { saleId: target.saleId, saleEventId: target.eventId } : null,
    at: f.at,
  })
}
