import { instantEvent } from '../events/event-record.js'
import { notificationJob } from '../webhooks/webhook-events.js'
import type { ContractInfo } from './contract-terms.js'
import type { DistributionContext } from './distribution-ports.js'
import { type DistributionDeps, type DistributionRun, remainingSends, startRun } from './distribution-run.js'
import type { DistributionOutcome, Distributor } from './distributor.js'
import { skipReason } from './eligibility.js'
import { pingAuction } from './ping-auction.js'
import { keepWithRoom, pricePromised } from './promise-check.js'
import { rankContracts } from './ranking.js'
import { type Candidate, sellToContract } from './sell-to-contract.js'
import { directPost } from './strategies/direct.js'
import { runAuction } from './strategies/ping-post.js'
import { rotation } from './strategies/rotation.js'
import { waterfall } from './strategies/waterfall.js'

/** A distributor that can also run one delivery retry (the job task calls it). */
export interface DistributionEngine extends Distributor {
  retryDelivery(leadId: number, contractId: number, attempt: number): Promise<void>
  /** An operator's re-send of a stored lead to one contract (POST /api/v1/leads/:id/resend). */
  sendTo(leadId: number, contractId: number, by: string): Promise<ContractSend>
}

/** Sent (sold or refused by the buyer: `outcome` says), or not sent, and why. */
export type ContractSend =
  | { ok: true; outcome: DistributionOutcome }
  | { ok: false; reason: 'not_distributable' | 'not_this_lead_type' | 'skipped'; detail: string }

function eligibleContracts(run: DistributionRun, deps: DistributionDeps): ContractInfo[] {
  const out: ContractInfo[] = []
  for (const contract of run.ctx.contracts) {
    const reason = skipReason(contract, run.ctx.lead, eligibilityOf(run, deps))
    run.events.push(
      instantEvent({
        leadId: run.ctx.lead.id,
        kind: 'filter',
        step: 'eligibility',
        contractId: contract.id,
        buyerId: contract.buyerId,
        sourceId: run.ctx.source.id,
        outcome: reason ? 'skip' : 'pass',
        reason,
        at: run.at,
      }),
    )
    if (!reason) out.push(contract)
  }
  return out
}

function eligibilityOf(run: DistributionRun, deps: DistributionDeps) {
  return {
    at: run.at,
    soldBuyerIds: run.soldBuyerIds,
    exclusiveSold: run.exclusiveSold,
    callQueueAvailable: deps.callQueue !== undefined,
  }
}

/** Replacements owed to buyers go first, at price 0, when the owed contract may take this lead. */
async function fulfilReplacements(run: DistributionRun, deps: DistributionDeps): Promise<void> {
  // A replacement is owed a real lead: a test lead never settles one.
  if (run.ctx.lead.isTest) return
  for (const due of run.ctx.replacements) {
    if (remainingSends(run) === 0) return
    const contract = run.ctx.contracts.find((c) => c.id === due.contractId)
    if (!contract || skipReason(contract, run.ctx.lead, eligibilityOf(run, deps))) continue
    await sellToContract(run, deps, { contract, priceCents: 0, replacementId: due.id })
  }
}

async function sellByStrategy(
  run: DistributionRun,
  deps: DistributionDeps,
  eligible: ContractInfo[],
): Promise<void> {
  const { ctx } = run
  if (!ctx.heldBids) return sellFresh(run, deps, eligible, ctx.leadType.pingTimeoutMs)
  // A post with a ping order sells at the held bids first, best first, to those still eligible.
  const held = ctx.heldBids.flatMap((b) => {
    const contract = eligible.find((c) => c.id === b.contractId)
    return contract ? [{ contract, priceCents: b.bidCents }] : []
  })
  await waterfall(run, held, (c) => sellToContract(run, deps, c))
  if (remainingSends(run) === 0) return
  // The held buyers refused (or could no longer take it): the post falls through to a fresh
  // auction or waterfall among the others, within what is left of the lead type's deadline.
  const tried = new Set(held.map((h) => h.contract.id))
  const others = eligible.filter((c) => !tried.has(c.id))
  const leftMs = ctx.leadType.pingTimeoutMs - (deps.clock.now().getTime() - run.at.getTime())
  run.events.push(
    instantEvent({
      leadId: ctx.lead.id,
      kind: 'order',
      step: 'fall_through',
      sourceId: ctx.source.id,
      outcome: 'continue',
      reason: `held bids did not sell; ${others.length} other contract(s), ${Math.max(0, leftMs)} ms left`,
      at: deps.clock.now(),
    }),
  )
  return sellFresh(run, deps, others, leftMs)
}

/** The lead type's own strategy over `eligible`; an auction's pings share `deadlineMs`. */
async function sellFresh(
  run: DistributionRun,
  deps: DistributionDeps,
  eligible: ContractInfo[],
  deadlineMs: number,
): Promise<void> {
  const sell = (c: Candidate) => sellToContract(run, deps, c)
  const { ctx } = run
  if (ctx.leadType.strategy === 'ping_post') {
    const room = await keepWithRoom(deps, eligible, (c) => ({ contract: c, priceCents: pricePromised(c) }), {
      source: ctx.source,
      at: deps.clock.now(),
      isTest: ctx.lead.isTest === true,
      leadId: ctx.lead.id,
      step: 'auction',
    })
    run.events.push(...room.events)
    const auction = await runAuction(
      room.kept,
      ctx.lead.fields,
      {
        leadId: ctx.lead.id,
        sourceId: ctx.source.id,
        deadlineMs,
        deliverer: deps.deliverer,
        now: () => deps.clock.now(),
      },
      deps.random,
    )
    run.events.push(...auction.events)
    return waterfall(
      run,
      auction.bids.map((b) => ({ contract: b.contract, priceCents: b.bidCents })),
      sell,
    )
  }
  if (ctx.leadType.strategy === 'rotation') return rotation(run, deps, eligible, sell)
  const ranked = rankContracts(eligible, ctx.leadType.rank, deps.random).map((contract) => ({
    contract,
    priceCents: null,
  }))
  return ctx.leadType.strategy === 'direct' ? directPost(run, ranked, sell) : waterfall(run, ranked, sell)
}

function outcomeOf(run: DistributionRun): DistributionOutcome {
  const sold = run.sends.some((s) => s.valid)
  const lastNo = [...run.sends].reverse().find((s) => !s.valid)
  return {
    sold,
    priceCents: run.priceCents,
    sourcePriceCents: run.sourcePriceCents,
    redirectUrl: run.redirectUrl,
    sends: run.sends,
    reason: sold ? '' : (lastNo?.reason ?? 'no eligible buyer'),
  }
}

async function finish(
  run: DistributionRun,
  deps: DistributionDeps,
  step: string,
): Promise<DistributionOutcome> {
  const outcome = outcomeOf(run)
  run.events.push(
    instantEvent({
      leadId: run.ctx.lead.id,
      kind: 'distribution',
      step,
      sourceId: run.ctx.source.id,
      outcome: outcome.sold ? 'sold' : 'unsold',
      reason: outcome.reason || null,
      data: {
        priceCents: outcome.priceCents,
        sourcePriceCents: outcome.sourcePriceCents,
        sends: outcome.sends.length,
      },
      at: deps.clock.now(),
    }),
  )
  const sold = run.soldCount > 0
  // lead.sold is announced per sale (recordSale); a run that sold nothing announces lead.unsold.
  const unsold =
    sold || (await deps.announces?.('lead.unsold')) === false
      ? []
      : [
          notificationJob(
            'lead.unsold',
            { lead_id: run.ctx.lead.id, source_id: run.ctx.source.id, reason: outcome.reason || null },
            { sourceId: run.ctx.source.id },
            deps.clock.now(),
          ),
        ]
  await deps.store.finishLead({
    leadId: run.ctx.lead.id,
    sold,
    redirectUrl: run.redirectUrl,
    events: run.events,
    jobs: [...run.jobs, ...unsold],
  })
  return outcome
}

const notFound = (reason: string): DistributionOutcome => ({
  sold: false,
  priceCents: 0,
  sourcePriceCents: 0,
  redirectUrl: '',
  sends: [],
  reason,
})

function strategyStep(ctx: DistributionContext): string {
  return ctx.heldBids ? 'ping_order' : ctx.leadType.strategy
}

/** The distribution engine over its ports (wired in src/http/register-domains.ts). */
export function createDistributor(deps: DistributionDeps): DistributionEngine {
  return {
    async distribute(leadId) {
      const ctx = await deps.store.loadContext(leadId)
      if (!ctx) return notFound(`lead ${leadId} is not available for distribution`)
      const run = startRun(ctx, deps.clock.now())
      await fulfilReplacements(run, deps)
      const eligible = eligibleContracts(run, deps)
      if (remainingSends(run) > 0) await sellByStrategy(run, deps, eligible)
      return finish(run, deps, strategyStep(ctx))
    },
    ping: (request) => pingAuction(deps, request),
    useOrder: (orderId, sourceId, leadId) => deps.store.useOrder(orderId, sourceId, leadId),
    sendTo: (leadId, contractId, by) => sendTo(deps, leadId, contractId, by),
    async retryDelivery(leadId, contractId, attempt) {
      const ctx = await deps.store.loadContext(leadId)
      const contract = ctx?.contracts.find((c) => c.id === contractId)
      if (!ctx || !contract) return
      const run = startRun(ctx, deps.clock.now())
      if (remainingSends(run) === 0) return
      const reason = skipReason(contract, ctx.lead, eligibilityOf(run, deps))
      if (reason) {
        run.events.push(
          instantEvent({
            leadId,
            kind: 'filter',
            step: 'retry',
            contractId,
            buyerId: contract.buyerId,
            outcome: 'skip',
            reason,
            at: run.at,
          }),
        )
      } else {
        await sellToContract(run, deps, { contract, priceCents: null, retryAttempt: attempt })
      }
      await finish(run, deps, 'retry')
    },
  }
}

/**
 * One contract, through the normal sale path: the same eligibility (status, schedule, filters,
 * already sold to the buyer, exclusivity, the lead's max sends), caps, credit and delivery as a
 * distribution, so a re-send can never do what a sale could not. A refused eligibility writes its
 * filter event and sends nothing; the request itself is an event naming who asked.
 */
async function sendTo(
  deps: DistributionDeps,
  leadId: number,
  contractId: number,
  by: string,
): Promise<ContractSend> {
  const ctx = await deps.store.loadContext(leadId)
  if (!ctx) {
    const detail = `Lead ${leadId} cannot be sold: it does not exist, or is held for QC, rejected, returned or no-sell`
    return { ok: false, reason: 'not_distributable', detail }
  }
  const contract = ctx.contracts.find((c) => c.id === contractId)
  if (!contract) {
    const detail = `Contract ${contractId} does not exist or does not buy lead ${leadId}'s lead type`
    return { ok: false, reason: 'not_this_lead_type', detail }
  }
  const run = startRun(ctx, deps.clock.now())
  const event = { leadId, kind: 'distribution', contractId, buyerId: contract.buyerId, at: run.at }
  run.events.push(instantEvent({ ...event, step: 'resend', outcome: 'requested', reason: `by ${by}` }))
  const reason =
    remainingSends(run) === 0
      ? 'the lead has been sold as many times as it may be'
      : skipReason(contract, ctx.lead, eligibilityOf(run, deps))
  if (reason) {
    await deps.store.insertEvents([
      ...run.events,
      instantEvent({ ...event, kind: 'filter', step: 'resend', outcome: 'skip', reason }),
    ])
    return { ok: false, reason: 'skipped', detail: reason }
  }
  await sellToContract(run, deps, { contract, priceCents: null })
  return { ok: true, outcome: await finish(run, deps, 'resend') }
}
