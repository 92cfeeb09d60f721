/**
 * Delay before attempt `attempt + 1` after `attempt` failures: the schedule's entry (the last
 * one repeats), plus up to 20% jitter so a burst of failures does not retry in lockstep.
 * Returns null when no attempt is left.
 */
export function nextRetryDelayMs(
  schedule: readonly number[],
  attempt: number,
  maxAttempts: number,
  random: () => number = Math.random,
): number | null {
  if (attempt >= maxAttempts || schedule.length === 0) return null
  const base = schedule[Math.min(attempt - 1, schedule.length - 1)] ?? 0
  return Math.round(base * (1 + 0.2 * random()))
}

/** Default schedule for jobs: 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, then hourly. */
export const DEFAULT_RETRY_SCHEDULE_MS: readonly number[] = [
  1_000, 5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000,
]
