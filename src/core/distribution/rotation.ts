import type { RotationCandidate } from './distribution-ports.js'

/**
 * The contract whose turn it is in a rotation: `round_robin` (equal weights) or `percentage`
 * (weights are the shares). `served` counts the turns each contract has had.
 *
 * Earliest deadline first over the shares (Tijdeman's "chairman assignment"): at turn T = (turns
 * served so far) + 1, contract i's next turn is due once served_i ≤ T·w_i/W and should have come
 * by (served_i + 1)·W/w_i; of the due ones, the earliest deadline goes (ties: lowest contract id).
 * That keeps every contract within ±1 of its share T·w_i/W after every turn — greedy "largest
 * deficit" does not (it drifts to 1.17 with six uneven shares; test/core/distribution/rotation.test.ts
 * checks every prefix of 300 turns for many share sets). With equal weights it is strict round
 * robin in contract-id order. Weight-0 contracts never get a turn. Integer arithmetic only.
 */
export function nextTurn(
  candidates: readonly RotationCandidate[],
  served: ReadonlyMap<number, number>,
): number | null {
  const rotating = [...candidates].filter((c) => c.weight > 0).sort((a, b) => a.contractId - b.contractId)
  const total = rotating.reduce((sum, c) => sum + c.weight, 0)
  const turn = rotating.reduce((sum, c) => sum + (served.get(c.contractId) ?? 0), 0) + 1
  let best: { contractId: number; weight: number; served: number } | null = null
  for (const c of rotating) {
    const s = served.get(c.contractId) ?? 0
    if (s * total > turn * c.weight) continue // not due yet: it is ahead of its share
    if (!best || (s + 1) * best.weight < (best.served + 1) * c.weight) best = { ...c, served: s }
  }
  return best?.contractId ?? null
}

/** One rotation per lead type and priority tier: contracts of equal priority rotate among themselves. */
export function rotationGroup(leadTypeId: number, priority: number): string {
  return `lead_type:${leadTypeId}:priority:${priority}`
}
