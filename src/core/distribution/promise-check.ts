import { type EventRecord, instantEvent } from '../events/event-record.js'
import type { ContractInfo } from './contract-terms.js'
import type { SourceInfo } from './distribution-ports.js'
import type { DistributionDeps } from './distribution-run.js'
import { saleSlots } from './sale-slots.js'

export interface PromiseScope {
  source: Pick<SourceInfo, 'id' | 'caps' | 'timeZone'>
  at: Date
  isTest: boolean
  leadId: number | null
  /** The `filter` event's step for a contract left out (`ping` for an inbound ping, `auction` in a run). */
  step: string
}

/**
 * Keeps the items (contracts, bids) whose buyer could still take a sale at its price now — room in
 * every cap and budget (contract, buyer, source) and in the buyer's credit — and says why of each
 * one left out. Pings ask before they promise (docs/distribution.md, "Promises are kept"); this
 * only reads (DistributionStore.checkRoom), the sale itself still reserves. A test lead counts in
 * nothing, so nothing is checked for it.
 */
export async function keepWithRoom<T>(
  deps: Pick<DistributionDeps, 'store'>,
  items: readonly T[],
  of: (item: T) => { contract: ContractInfo; priceCents: number },
  scope: PromiseScope,
): Promise<{ kept: T[]; events: EventRecord[] }> {
  if (scope.isTest) return { kept: [...items], events: [] }
  const checked = await Promise.all(
    items.map(async (item) => {
      const { contract, priceCents } = of(item)
      const slots = saleSlots(contract, scope.source, scope.at)
      return { item, contract, problem: await deps.store.checkRoom(slots, contract.buyerId, priceCents) }
    }),
  )
  return {
    kept: checked.filter((c) => c.problem === null).map((c) => c.item),
    events: checked
      .filter((c) => c.problem !== null)
      .map((c) =>
        instantEvent({
          leadId: scope.leadId,
          kind: 'filter',
          step: scope.step,
          contractId: c.contract.id,
          buyerId: c.contract.buyerId,
          sourceId: scope.source.id,
          outcome: 'skip',
          reason: c.problem,
          at: scope.at,
        }),
      ),
  }
}

/** What a contract would be promised at before it bids: its price, or nothing yet for a bid contract. */
export function pricePromised(contract: ContractInfo): number {
  return contract.pricing === 'bid' ? 0 : contract.priceCents
}
