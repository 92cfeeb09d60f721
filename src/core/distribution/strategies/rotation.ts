import type { ContractInfo } from '../contract-terms.js'
import { type DistributionDeps, type DistributionRun, remainingSends } from '../distribution-run.js'
import { nextTurn, rotationGroup } from '../rotation.js'
import type { AttemptResult, Candidate } from '../sell-to-contract.js'

function tiers(contracts: readonly ContractInfo[]): ContractInfo[][] {
  const byPriority = new Map<number, ContractInfo[]>()
  for (const c of contracts) byPriority.set(c.priority, [...(byPriority.get(c.priority) ?? []), c])
  return [...byPriority.entries()].sort(([a], [b]) => a - b).map(([, group]) => group)
}

/**
 * `round_robin` and `percentage` (docs/distribution.md, "Rotations"): priority tiers in order;
 * inside a tier the persisted rotation picks whose turn it is (storage takes the turn in one
 * transaction, so nodes sharing a database never give one turn twice). A buyer that says no, or
 * cannot take the lead, gives its turn back and the next turn of the same lead goes on; a sale
 * keeps it. Weight-0 contracts take no turns: they are tried last in their tier, by id. A test
 * lead walks the same order without taking turns, so it never moves a rotation.
 */
export async function rotation(
  run: DistributionRun,
  deps: DistributionDeps,
  eligible: readonly ContractInfo[],
  sell: (c: Candidate) => Promise<AttemptResult>,
): Promise<void> {
  const isTest = run.ctx.lead.isTest === true
  for (const tier of tiers(eligible)) {
    const group = rotationGroup(run.ctx.lead.leadTypeId, tier[0]?.priority ?? 0)
    let left = tier.filter((c) => c.weight > 0)
    while (left.length > 0 && remainingSends(run) > 0) {
      const candidates = left.map((c) => ({ contractId: c.id, weight: c.weight }))
      const id = isTest ? nextTurn(candidates, new Map()) : await deps.store.takeTurn(group, candidates)
      const contract = left.find((c) => c.id === id)
      if (!contract) break
      left = left.filter((c) => c !== contract)
      let result: AttemptResult = 'error'
      try {
        result = await sell({ contract, priceCents: null })
      } finally {
        if (result !== 'sold' && !isTest) await deps.store.returnTurn(group, contract.id)
      }
    }
    for (const contract of tier.filter((c) => c.weight <= 0)) {
      if (remainingSends(run) === 0) return
      await sell({ contract, priceCents: null })
    }
  }
}
