import { type DistributionRun, remainingSends } from '../distribution-run.js'
import type { AttemptResult, Candidate } from '../sell-to-contract.js'

/**
 * Direct post: the lead goes to the first eligible contract(s) in rank order, as many as it may
 * be sold to, and a "no" is final (no fall-through; that is the waterfall).
 */
export async function directPost(
  run: DistributionRun,
  candidates: readonly Candidate[],
  sell: (c: Candidate) => Promise<AttemptResult>,
): Promise<void> {
  const wanted = remainingSends(run)
  let tried = 0
  for (const candidate of candidates) {
    if (tried >= wanted || remainingSends(run) === 0) return
    if ((await sell(candidate)) !== 'skipped') tried++
  }
}
