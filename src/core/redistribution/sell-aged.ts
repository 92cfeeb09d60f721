import type { DistributionDeps, DistributionRun } from '../distribution/distribution-run.js'
import { remainingSends, startRun } from '../distribution/distribution-run.js'
import { skipReason } from '../distribution/eligibility.js'
import { type Candidate, sellToContract } from '../distribution/sell-to-contract.js'
import { waterfall } from '../distribution/strategies/waterfall.js'
import { instantEvent } from '../events/event-record.js'
import { agedAgeProblem, agedPriceCents } from './aged-terms.js'
import type { OfferContext } from './redistribution-ports.js'

const HOUR_MS = 3_600_000

/** Why a contract may not take this re-offer, or null: the buyer rules first, then age and terms. */
function offerSkip(
  offer: OfferContext,
  contract: Candidate['contract'],
  ageHours: number,
  deps: DistributionDeps,
) {
  if (offer.pastBuyerIds.includes(contract.buyerId)) return 'buyer bought this lead before'
  if (offer.duplicateBuyerIds.includes(contract.buyerId)) return 'buyer bought a duplicate of this lead'
  const reason = skipReason(contract, offer.ctx.lead, {
    at: deps.clock.now(),
    soldBuyerIds: offer.ctx.soldBuyerIds,
    exclusiveSold: offer.ctx.exclusiveSold,
    callQueueAvailable: deps.callQueue !== undefined,
    aged: true,
  })
  return reason ?? (contract.aged ? agedAgeProblem(contract.aged, ageHours) : null)
}

/**
 * Offers a lead to the aged-lead contracts of its type, highest aged price first (priority breaks
 * ties), down the list like a waterfall until the lead has as many standing sales as it may have.
 * Every contract gets a `filter`/`redistribution` event; sales go through the same attempt as a
 * fresh lead (cap slots and credit reserved, delivery, sale and ledger rows in one transaction).
 * A buyer who bought the lead before (and returned it) or bought a duplicate of it never gets it,
 * and a sale still standing that was exclusive stops the offer.
 */
export async function sellAged(offer: OfferContext, deps: DistributionDeps): Promise<DistributionRun> {
  const run = startRun(offer.ctx, deps.clock.now())
  // The unique (lead, buyer) sale index also refuses those buyers; the run must know them too.
  run.soldBuyerIds.push(...offer.pastBuyerIds, ...offer.duplicateBuyerIds)
  const ageHours = (run.at.getTime() - offer.receivedAt.getTime()) / HOUR_MS
  const candidates: Candidate[] = []
  for (const contract of offer.ctx.contracts) {
    const reason = offerSkip(offer, contract, ageHours, deps)
    run.events.push(
      instantEvent({
        leadId: offer.ctx.lead.id,
        kind: 'filter',
        step: 'redistribution',
        contractId: contract.id,
        buyerId: contract.buyerId,
        sourceId: offer.ctx.source.id,
        outcome: reason ? 'skip' : 'pass',
        reason,
        at: run.at,
      }),
    )
    if (!reason && contract.aged)
      candidates.push({ contract, priceCents: agedPriceCents(contract.aged, contract.priceCents, ageHours) })
  }
  candidates.sort(
    (a, b) => (b.priceCents ?? 0) - (a.priceCents ?? 0) || a.contract.priority - b.contract.priority,
  )
  if (remainingSends(run) > 0) await waterfall(run, candidates, (c) => sellToContract(run, deps, c))
  return run
}
