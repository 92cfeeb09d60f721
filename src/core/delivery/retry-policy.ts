import type { RetrySettings } from './delivery-settings.js'
import { JOB_RETRY_SCHEDULE, type RetrySchedule, retryDelayMs } from './retry-schedule.js'

/** Spacing between a contract's delivery retries when it gives none: 1 min, 5 min, 30 min. */
export const DEFAULT_DELIVERY_DELAYS_MS: readonly number[] = [60_000, 300_000, 1_800_000]

/**
 * A contract's retry schedule. No jitter: the delays are what the operator configured
 * (docs/distribution.md, "Failing buyers"), and the retries of one buyer are already spread by
 * the arrival times of their leads. A buyer's Retry-After gets the same bounds as jobs.
 */
export function contractRetrySchedule(retry: RetrySettings): RetrySchedule {
  const delaysMs = retry.delaysMs && retry.delaysMs.length > 0 ? retry.delaysMs : DEFAULT_DELIVERY_DELAYS_MS
  return { ...JOB_RETRY_SCHEDULE, delaysMs, jitter: 0 }
}

/**
 * When the `attempt`-th retry (1-based) of a failed delivery should run, or null when the
 * contract allows no more. The last delay repeats; retries are jobs, so they survive restarts.
 */
export function nextDeliveryRetryAt(
  retry: RetrySettings | undefined,
  attempt: number,
  now: Date,
  retryAfterMs: number | null = null,
): Date | null {
  if (!retry || attempt > retry.attempts) return null
  return new Date(now.getTime() + retryDelayMs(contractRetrySchedule(retry), attempt, retryAfterMs))
}
