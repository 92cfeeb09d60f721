import type { ContractInfo } from './contract-terms.js'

/** How a lead type orders its buyers (operators' words: priority, weighted, price, round robin). */
export type RankMode = 'priority' | 'weighted' | 'price'

type Rankable = Pick<ContractInfo, 'id' | 'priority' | 'weight' | 'priceCents'>

/**
 * Weighted random order without replacement (Efraimidis–Spirakis: key = u^(1/w), largest first),
 * so a contract with weight 3 leads three times as often as one with weight 1, and every
 * contract still gets a place. Weight 0 goes last.
 */
export function weightedShuffle<T extends Rankable>(items: readonly T[], random: () => number): T[] {
  const keyed = items.map((item) => ({
    item,
    key: item.weight > 0 ? random() ** (1 / item.weight) : -1,
  }))
  return keyed.sort((a, b) => b.key - a.key).map((k) => k.item)
}

function groupBy<T>(items: readonly T[], key: (t: T) => number): T[][] {
  const groups = new Map<number, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return [...groups.values()]
}

/**
 * Priority (lower first) then weighted random among equal priority; `price` puts the highest
 * fixed price first (priority breaks ties); `weighted` ignores priority altogether.
 */
export function rankContracts<T extends Rankable>(
  contracts: readonly T[],
  mode: RankMode,
  random: () => number = Math.random,
): T[] {
  if (mode === 'weighted') return weightedShuffle(contracts, random)
  const sorted = [...contracts].sort((a, b) =>
    mode === 'price' ? b.priceCents - a.priceCents || a.priority - b.priority : a.priority - b.priority,
  )
  const tier = (c: T) => (mode === 'price' ? c.priceCents * 1e6 - c.priority : c.priority)
  return groupBy(sorted, tier).flatMap((group) => weightedShuffle(group, random))
}

/** Bids highest first; equal bids fall back to priority, then weight order. */
export function rankBids<T extends { bidCents: number; contract: Rankable }>(
  bids: readonly T[],
  random: () => number = Math.random,
): T[] {
  const order = new Map(
    rankContracts(
      bids.map((b) => b.contract),
      'priority',
      random,
    ).map((c, i) => [c.id, i]),
  )
  return [...bids].sort(
    (a, b) => b.bidCents - a.bidCents || (order.get(a.contract.id) ?? 0) - (order.get(b.contract.id) ?? 0),
  )
}
