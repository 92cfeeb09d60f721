import type { Distributor } from '../distribution/distributor.js'
import type { Clock } from '../ports.js'
import type { IntakeStore } from './intake-store.js'

/** What intake needs from the outside, passed in by the wiring (register-domains.ts). */
export interface LeadLimits {
  readonly maxFields: number
  readonly maxBytes: number
}

export interface IntakeDeps {
  store: IntakeStore
  distributor: Distributor
  clock: Clock
  /** Constant-time check of a posted password against the source's stored hash. */
  verifyPassword(password: string, hash: string): Promise<boolean>
  /** Most fields one lead may carry and most bytes (UTF-8) their names and values may take. */
  limits?: LeadLimits
  /** Told which part of a source's credentials failed; the caller only hears CREDENTIALS_REFUSED. */
  onRefusal?(refusal: { sourceId: number; detail: string }): void
  /** True when some webhook endpoint subscribes to the event type (core/webhooks/subscriptions.ts). */
  announces?(type: 'lead.accepted' | 'lead.rejected'): Promise<boolean>
  /**
   * Backpressure on async posts: resolves when the job queue keeps up (or after a bounded wait),
   * so a seller's async posts slow down instead of the queue growing without bound.
   */
  queueRoom?(): Promise<void>
}
