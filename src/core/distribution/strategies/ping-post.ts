import type { DeliveryVars } from '../../delivery/template.js'
import { newEventId } from '../../events/event-id.js'
import type { EventRecord } from '../../events/event-record.js'
import type { ContractInfo } from '../contract-terms.js'
import type { Deliverer } from '../deliverer.js'
import type { FieldValue } from '../lead-view.js'
import { rankBids } from '../ranking.js'

export interface Bid {
  contract: ContractInfo
  bidCents: number
  /** The ping event that carried the bid; null for a fixed price that needed no ping. */
  pingEventId: string | null
}

export interface AuctionResult {
  /** Best first. */
  bids: Bid[]
  events: EventRecord[]
}

/**
 * Pings every candidate at once under ONE deadline and ranks the bids. Fixed-price contracts take
 * part without a ping (their price is their bid); a bid-priced contract without a ping endpoint
 * bids its contract price. A ping that errors, times out or answers no price is "no bid".
 */
export async function runAuction(
  contracts: readonly ContractInfo[],
  fields: Record<string, FieldValue>,
  ctx: {
    leadId: number | null
    sourceId: number | null
    deadlineMs: number
    deliverer: Deliverer
    now: () => Date
  },
  random?: () => number,
): Promise<AuctionResult> {
  const started = ctx.now()
  const answers = await Promise.all(contracts.map((c) => pingOne(c, fields, ctx, started)))
  const bids = answers.flatMap((a) => (a.bid ? [a.bid] : []))
  return { bids: rankBids(bids, random), events: answers.flatMap((a) => (a.event ? [a.event] : [])) }
}

async function pingOne(
  contract: ContractInfo,
  fields: Record<string, FieldValue>,
  ctx: {
    leadId: number | null
    sourceId: number | null
    deadlineMs: number
    deliverer: Deliverer
    now: () => Date
  },
  started: Date,
): Promise<{ bid: Bid | null; event: EventRecord | null }> {
  const eventId = newEventId()
  const vars: DeliveryVars = {
    event_id: eventId,
    lead_id: ctx.leadId ?? '',
    idempotency_key: eventId,
    price: '',
  }
  if (contract.pricing === 'bid' && ctx.deadlineMs < 1) return noTimeLeft(contract, ctx, started)
  const pending =
    contract.pricing === 'bid' ? ctx.deliverer.ping(contract, fields, vars, ctx.deadlineMs) : null
  if (!pending) return { bid: { contract, bidCents: contract.priceCents, pingEventId: null }, event: null }
  const call = await pending
  const bidCents = call.outcome === 'accepted' ? call.priceCents : null
  const event: EventRecord = {
    id: eventId,
    leadId: ctx.leadId,
    kind: 'ping',
    step: 'http',
    contractId: contract.id,
    buyerId: contract.buyerId,
    sourceId: ctx.sourceId,
    outcome: bidCents !== null && bidCents > 0 ? 'bid' : call.outcome === 'error' ? 'error' : 'no_bid',
    reason: call.reason || (call.outcome === 'accepted' && bidCents === null ? 'no price in answer' : null),
    startedAt: started,
    finishedAt: ctx.now(),
    durationMs: call.durationMs,
    request: call.request,
    response: call.response,
    data: { bidCents, status: call.status },
  }
  return {
    bid: bidCents !== null && bidCents > 0 ? { contract, bidCents, pingEventId: eventId } : null,
    event,
  }
}

/**
 * A fall-through auction (an order's held buyers refused) that has used up its deadline pings no
 * one: a bid contract records "no bid" without a request, fixed prices still take part.
 */
function noTimeLeft(
  contract: ContractInfo,
  ctx: { leadId: number | null; sourceId: number | null },
  at: Date,
): { bid: Bid | null; event: EventRecord | null } {
  return {
    bid: null,
    event: {
      id: newEventId(),
      leadId: ctx.leadId,
      kind: 'ping',
      step: 'http',
      contractId: contract.id,
      buyerId: contract.buyerId,
      sourceId: ctx.sourceId,
      outcome: 'no_bid',
      reason: 'no time left before the deadline',
      startedAt: at,
      finishedAt: at,
      durationMs: 0,
      request: null,
      response: null,
      data: { bidCents: null, status: null },
    },
  }
}
