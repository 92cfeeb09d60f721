import { instantEvent } from '../events/event-record.js'
import { uuidV7 } from '../ids/uuid-v7.js'
import type { DistributionDeps } from './distribution-run.js'
import type { PingOutcome, PingRequest } from './distributor.js'
import { skipReason } from './eligibility.js'
import type { LeadView } from './lead-view.js'
import { toFieldValues } from './lead-view.js'
import { keepWithRoom, pricePromised } from './promise-check.js'
import { sourcePriceCents } from './source-terms.js'
import { type Bid, runAuction } from './strategies/ping-post.js'

const EMPTY: PingOutcome = { orderId: '', estimatedPriceCents: 0, expiresAt: null, bids: [] }

/**
 * The bids an order holds: best first, as many as the lead may be sold to, none below the
 * source's floor; an exclusive winner holds the lead alone, and later exclusives cannot share.
 */
export function holdBids(bids: readonly Bid[], maxSends: number, floorCents: number): Bid[] {
  const held: Bid[] = []
  for (const bid of bids) {
    if (held.length >= maxSends || held.some((h) => h.contract.exclusive)) break
    if (bid.bidCents < floorCents || held.some((h) => h.contract.buyerId === bid.contract.buyerId)) continue
    if (bid.contract.exclusive && held.length > 0) continue
    held.push(bid)
  }
  return held
}

/**
 * An inbound ping (LeadExec /ping): the same auction as ping/post, without selling. The order
 * stores the winning bids until it expires; `EstimatedPrice` is what the source would earn.
 */
export async function pingAuction(deps: DistributionDeps, request: PingRequest): Promise<PingOutcome> {
  const ctx = await deps.store.loadPingContext(request.sourceId, request.leadTypeId)
  if (!ctx) return EMPTY
  const at = deps.clock.now()
  const fields = toFieldValues(request.fields)
  const isTest = request.test === true || ctx.source.test
  const lead: LeadView = {
    id: 0,
    sourceId: request.sourceId,
    sourceVid: ctx.source.vid,
    leadTypeId: request.leadTypeId,
    orderId: null,
    fields,
    isTest,
  }
  const input = {
    at,
    soldBuyerIds: [],
    exclusiveSold: false,
    partial: true,
    callQueueAvailable: deps.callQueue !== undefined,
  }
  const skips = ctx.contracts.map((c) => [c, skipReason(c, lead, input)] as const)
  // A promise is kept: a buyer whose cap, budget or credit is already used up is not pinged, and a
  // bid it could not pay for now is not held (docs/distribution.md, "Promises are kept").
  const scope = { source: ctx.source, at, isTest, leadId: null, step: 'ping' }
  const before = await keepWithRoom(
    deps,
    skips.filter(([, reason]) => reason === null).map(([c]) => c),
    (c) => ({ contract: c, priceCents: pricePromised(c) }),
    scope,
  )
  const auction = await runAuction(
    before.kept,
    fields,
    {
      leadId: null,
      sourceId: request.sourceId,
      deadlineMs: ctx.leadType.pingTimeoutMs,
      deliverer: deps.deliverer,
      now: () => deps.clock.now(),
    },
    deps.random,
  )
  const payable = await keepWithRoom(
    deps,
    auction.bids,
    (b) => ({ contract: b.contract, priceCents: b.bidCents }),
    scope,
  )
  const held = holdBids(
    payable.kept,
    Math.min(ctx.leadType.maxSends, ctx.source.maxDeliveries ?? Infinity),
    ctx.source.floorCents,
  )
  const events = [
    ...skips
      .filter(([, reason]) => reason !== null)
      .map(([c, reason]) =>
        instantEvent({
          leadId: null,
          kind: 'filter',
          step: 'ping',
          contractId: c.id,
          buyerId: c.buyerId,
          sourceId: request.sourceId,
          outcome: 'skip',
          reason,
          at,
        }),
      ),
    ...before.events,
    ...auction.events,
    ...payable.events,
  ]
  if (held.length === 0) {
    await deps.store.insertEvents(events)
    return EMPTY
  }
  const order = {
    id: uuidV7(),
    sourceId: request.sourceId,
    leadTypeId: request.leadTypeId,
    estimatedPriceCents: held.reduce((sum, b) => sum + sourcePriceCents(b.bidCents, ctx.source), 0),
    bids: held.map((b) => ({
      contractId: b.contract.id,
      buyerId: b.contract.buyerId,
      bidCents: b.bidCents,
      pingEventId: b.pingEventId,
    })),
    fields: request.fields,
    expiresAt: new Date(at.getTime() + ctx.leadType.orderTtlSeconds * 1000),
  }
  await deps.store.createOrder(order, events)
  return {
    orderId: order.id,
    estimatedPriceCents: order.estimatedPriceCents,
    expiresAt: order.expiresAt,
    bids: order.bids,
  }
}
