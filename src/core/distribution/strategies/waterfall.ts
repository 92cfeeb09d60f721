import { type DistributionRun, remainingSends } from '../distribution-run.js'
import type { AttemptResult, Candidate } from '../sell-to-contract.js'

/**
 * Waterfall: offer the lead down the ranking; a rejection, error or timeout moves on to the
 * next contract, until the lead has been sold to as many buyers as it may be.
 */
export async function waterfall(
  run: DistributionRun,
  candidates: readonly Candidate[],
  sell: (c: Candidate) => Promise<AttemptResult>,
): Promise<void> {
  for (const candidate of candidates) {
    if (remainingSends(run) === 0) return
    await sell(candidate)
  }
}
