import { nextDeliveryRetryAt } from '../delivery/retry-policy.js'
import { newEventId } from '../events/event-id.js'
import { instantEvent } from '../events/event-record.js'
import { notificationJob } from '../webhooks/webhook-events.js'
import type { ContractInfo } from './contract-terms.js'
import { deliverLead } from './deliver-lead.js'
import type { DeliveryCall } from './deliverer.js'
import type { DistributionDeps, DistributionRun } from './distribution-run.js'
import type { SendResult } from './distributor.js'
import { saleSlots } from './sale-slots.js'
import { sourcePriceCents } from './source-terms.js'

/** The job task that retries one failed delivery later (src/jobs/delivery-retry-task.ts). */
export const DELIVERY_RETRY_TASK = 'distribution.delivery-retry'

export interface DeliveryRetryPayload {
  leadId: number
  contractId: number
  attempt: number
}

export type AttemptResult = 'sold' | 'rejected' | 'error' | 'skipped'

export interface Candidate {
  contract: ContractInfo
  /** The price agreed beforehand (a bid, a held order, 0 for a replacement); null = contract's price. */
  priceCents: number | null
  replacementId?: number | null
  /** 0 for the first delivery; n for the n-th retry job. */
  retryAttempt?: number
}

function skip(run: DistributionRun, contract: ContractInfo, reason: string): AttemptResult {
  run.events.push(
    instantEvent({
      leadId: run.ctx.lead.id,
      kind: 'filter',
      step: 'sell',
      contractId: contract.id,
      buyerId: contract.buyerId,
      outcome: 'skip',
      reason,
      at: run.at,
    }),
  )
  return 'skipped'
}

/**
 * Nothing reserved: a test lead never counts in a cap, a budget or the buyer's credit; a sale
 * with no cap slot for a buyer without a credit line has nothing to count in.
 */
const NOTHING_HELD = { ok: true as const, creditHeld: false }

/**
 * No cap slot to take and, when the contract was loaded, no credit line to hold against: the
 * reservation would be a transaction that changes nothing (src/storage/reserve-sale.ts). A limit
 * set while the lead is out applies from the next distribution, as it would have had it been set
 * just after this one reserved; the buyer's balance still counts the sale (the ledger trigger).
 */
function nothingToReserve(slots: readonly unknown[], contract: ContractInfo): boolean {
  return slots.length === 0 && contract.buyerCreditLine === false
}

/**
 * One sale attempt: price and floor, cap slots and the buyer's credit reserved before the lead
 * leaves (so concurrent distributions cannot overshoot a cap or a credit limit while a post is in
 * flight), delivery, then the sale recorded — or the reservation given back when the buyer says no
 * or fails.
 */
export async function sellToContract(
  run: DistributionRun,
  deps: DistributionDeps,
  c: Candidate,
): Promise<AttemptResult> {
  const { contract } = c
  if (run.soldBuyerIds.includes(contract.buyerId)) return skip(run, contract, 'already sold to this buyer')
  if (contract.exclusive && run.soldCount > 0)
    return skip(run, contract, 'exclusive contract, lead already sold')
  const price = c.priceCents ?? contract.priceCents
  if (c.replacementId == null && price < run.ctx.source.floorCents) {
    return skip(run, contract, `price ${price} below the source floor ${run.ctx.source.floorCents}`)
  }
  const at = deps.clock.now()
  const isTest = run.ctx.lead.isTest === true
  const slots = saleSlots(contract, run.ctx.source, at, isTest)
  const held =
    isTest || nothingToReserve(slots, contract)
      ? NOTHING_HELD
      : await deps.store.reserve(slots, contract.buyerId, price)
  if (!held.ok) return skip(run, contract, held.reason)
  const release = async () => {
    if (!isTest) await deps.store.release(slots, contract.buyerId, held.creditHeld, price)
  }
  const eventId = newEventId()
  const call = await deliverLead(run, deps, contract, eventId, price)
  const finished = deps.clock.now()
  const postEvent = {
    id: eventId,
    leadId: run.ctx.lead.id,
    kind: 'post',
    step: contract.delivery.kind === 'http' ? 'http' : contract.delivery.kind,
    contractId: contract.id,
    buyerId: contract.buyerId,
    sourceId: run.ctx.source.id,
    outcome: call.outcome,
    reason: call.reason || null,
    startedAt: at,
    finishedAt: finished,
    durationMs: call.durationMs,
    request: call.request,
    response: call.response,
    data: { status: call.status, priceCents: price, replacementId: c.replacementId ?? null },
  }
  if (call.outcome !== 'accepted') {
    await release()
    run.events.push(postEvent)
    await noteFailure(run, deps, c, call, finished)
    run.sends.push(send(contract, eventId, false, 0, call))
    return call.outcome === 'rejected' ? 'rejected' : 'error'
  }
  const finalPrice =
    c.replacementId == null && contract.pricing === 'bid' && c.priceCents === null
      ? (call.priceCents ?? price)
      : price
  const sourcePrice = sourcePriceCents(finalPrice, run.ctx.source)
  const recorded = await deps.store.recordSale(
    {
      leadId: run.ctx.lead.id,
      contract,
      sourceId: run.ctx.source.id,
      eventId,
      priceCents: finalPrice,
      sourcePriceCents: sourcePrice,
      buyerLeadId: call.buyerLeadId,
      redirectUrl: call.redirectUrl,
      replacementId: c.replacementId ?? null,
      capSlots: slots,
      reservedCents: price,
      creditHeld: held.creditHeld,
      isTest,
      announce: (await deps.announces?.('lead.sold')) ?? true,
    },
    [postEvent],
  )
  if (!recorded.ok) {
    // The buyer has the lead but no sale could be recorded (a concurrent run sold to it first):
    // keep the post in the trail, give the slots and the credit back, count it as no sale.
    await release()
    run.events.push({ ...postEvent, reason: recorded.reason })
    run.sends.push(send(contract, eventId, false, 0, { ...call, reason: recorded.reason }))
    return 'rejected'
  }
  run.soldBuyerIds.push(contract.buyerId)
  run.soldCount++
  run.exclusiveSold ||= contract.exclusive
  run.priceCents += finalPrice
  run.sourcePriceCents += sourcePrice
  run.redirectUrl ||= call.redirectUrl
  run.sends.push(send(contract, eventId, true, finalPrice, call))
  return 'sold'
}

/** Errors count toward the auto-pause and may schedule a retry; a clear "no" resets the count. */
async function noteFailure(
  run: DistributionRun,
  deps: DistributionDeps,
  c: Candidate,
  call: DeliveryCall,
  at: Date,
): Promise<void> {
  const { contract } = c
  if (call.leadDataProblem) return
  if (call.outcome !== 'error') {
    // No streak when the contract was loaded: nothing to reset, so no write. An error of a
    // concurrent delivery since then keeps its count, as if it had come after this answer.
    if (contract.consecutiveErrors === 0) return
    return deps.store.recordDeliveryAnswer(contract.id)
  }
  scheduleRetry(run, contract, (c.retryAttempt ?? 0) + 1, at, call.retryAfterMs ?? null)
  const reason = `paused after ${contract.autoPauseAfter} consecutive delivery errors (last: ${call.reason})`
  // Announced in the pause's own transaction: only the delivery that paused it enqueues this.
  const announce = notificationJob(
    'contract.paused',
    {
      contract_id: contract.id,
      contract_name: contract.name,
      buyer_id: contract.buyerId,
      buyer_name: contract.buyerName,
      lead_type_id: contract.leadTypeId,
      reason,
      consecutive_errors: contract.autoPauseAfter,
      last_error: call.reason || null,
    },
    { buyerId: contract.buyerId },
    at,
  )
  const paused = await deps.store.recordDeliveryError(contract.id, contract.autoPauseAfter, [announce])
  if (!paused) return
  run.events.push(
    instantEvent({
      leadId: run.ctx.lead.id,
      kind: 'contract',
      step: 'auto_pause',
      contractId: contract.id,
      buyerId: contract.buyerId,
      outcome: 'paused',
      reason,
      at,
    }),
  )
}

/**
 * A delivery error on a contract with retry settings becomes a job (docs/distribution.md,
 * "Failing buyers"); a buyer's Retry-After moves it, within the schedule's bounds.
 */
export function scheduleRetry(
  run: DistributionRun,
  contract: ContractInfo,
  attempt: number,
  now: Date,
  retryAfterMs: number | null = null,
): void {
  const runAt = nextDeliveryRetryAt(contract.delivery.retry, attempt, now, retryAfterMs)
  if (!runAt) return
  run.jobs.push({
    task: DELIVERY_RETRY_TASK,
    payload: { leadId: run.ctx.lead.id, contractId: contract.id, attempt },
    options: { runAt, key: `delivery-retry:${run.ctx.lead.id}:${contract.id}:${attempt}`, maxAttempts: 3 },
  })
}

function send(
  contract: ContractInfo,
  eventId: string,
  valid: boolean,
  price: number,
  call: DeliveryCall,
): SendResult {
  return {
    buyerId: contract.buyerId,
    buyerName: contract.buyerName,
    contractId: contract.id,
    eventId,
    valid,
    priceCents: price,
    redirectUrl: call.redirectUrl,
    agentName: call.agentName,
    agentPhone: call.agentPhone,
    reason: call.reason,
  }
}
