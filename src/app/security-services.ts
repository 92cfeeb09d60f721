import type { RateCounter } from '../core/limits/rate-counter.js'
import type { Clock } from '../core/ports.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { createRateLimitStore } from '../storage/rate-limit-store.js'

/** Issue 12's hard edges that HTTP needs at run time (docs/security.md). */
export interface SecurityServices {
  /** Shared abuse-limit counters; null counts in this process's memory. */
  readonly rateCounter: RateCounter | null
}

/**
 * PostgreSQL may run several nodes, which must share their counters (a table); SQLite is one
 * process, where counting in memory costs no write per request.
 */
export function createSecurityServices(storage: StorageDialect, clock: Clock): SecurityServices {
  return {
    rateCounter: storage.name === 'postgres' ? createRateLimitStore(storage.db, clock) : null,
  }
}
