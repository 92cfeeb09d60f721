import type { RetrySettings } from './delivery-settings.js'

/** Spacing between a contract's delivery retries when it gives none: 1 min, 5 min, 30 min. */
export const DEFAULT_DELIVERY_DELAYS_MS: readonly number[] = [60_000, 300_000, 1_800_000]

/**
 * When the `attempt`-th retry (1-based) of a failed delivery should run, or null when the
 * contract allows no more. The last delay repeats; retries are jobs, so they survive restarts.
 */
export function nextDeliveryRetryAt(
  retry: RetrySettings | undefined,
  attempt: number,
  now: Date,
): Date | null {
  if (!retry || attempt > retry.attempts) return null
  const delays = retry.delaysMs && retry.delaysMs.length > 0 ? retry.delaysMs : DEFAULT_DELIVERY_DELAYS_MS
  const delay = delays[Math.min(attempt - 1, delays.length - 1)] ?? 0
  return new Date(now.getTime() + delay)
}
