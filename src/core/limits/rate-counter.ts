/** One fixed-window counter per key, shared by every node that uses the same store. */
export interface RateCounter {
  /** Counts one hit on `key`; answers the count in the current window and ms until it resets. */
  hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>
}
