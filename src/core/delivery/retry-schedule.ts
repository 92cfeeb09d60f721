/**
 * When to try an outbound call again. One function serves job retries (callbacks, postbacks,
 * src/jobs/worker.ts) and buyer delivery retries (a contract's `delivery.retry`), so both honour
 * a server's `Retry-After` the same way (RFC 9110 §10.2.3), within bounds, like Svix does.
 */
export interface RetrySchedule {
  /** The delay after the n-th failure is entry n-1; the last entry repeats. */
  readonly delaysMs: readonly number[]
  /** Up to this fraction is added at random (0.2 = up to +20%) so failures that came together do not retry in lockstep. */
  readonly jitter: number
  /** A `Retry-After` is obeyed within these bounds: a server cannot make us hammer it, nor park a job for days. */
  readonly retryAfterMinMs: number
  readonly retryAfterMaxMs: number
}

/** Jobs: 1 s, 5 s, 30 s, 2 min, 10 min, 30 min, then hourly; a Retry-After between 1 s and 1 h. */
export const JOB_RETRY_SCHEDULE: RetrySchedule = {
  delaysMs: [1_000, 5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000],
  jitter: 0.2,
  retryAfterMinMs: 1_000,
  retryAfterMaxMs: 3_600_000,
}

/**
 * Delay before the next attempt after `failures` failures (1-based). A `retryAfterMs` the
 * server asked for replaces the schedule's entry, clamped to the schedule's bounds; jitter is
 * added to either and the clamp applies last, so the answer never leaves [min, max] for a hint.
 */
export function retryDelayMs(
  schedule: RetrySchedule,
  failures: number,
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
): number {
  const { delaysMs, jitter } = schedule
  const base = retryAfterMs ?? delaysMs[Math.min(Math.max(failures, 1) - 1, delaysMs.length - 1)] ?? 0
  const jittered = Math.round(base * (1 + jitter * random()))
  return retryAfterMs === null
    ? jittered
    : clamp(jittered, schedule.retryAfterMinMs, schedule.retryAfterMaxMs)
}

/**
 * A `Retry-After` header as milliseconds from `now`: delay-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Null when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  const text = value?.trim()
  if (!text) return null
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // An HTTP-date names its weekday and month; Date.parse alone would take "-5" as a year.
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime())
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), max)
}
