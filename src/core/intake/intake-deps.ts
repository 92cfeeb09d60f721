import type { Distributor } from '../distribution/distributor.js'
import type { Clock } from '../ports.js'
import type { IntakeStore } from './intake-store.js'

/** What intake needs from the outside, passed in by the wiring (register-domains.ts). */
export interface IntakeDeps {
  store: IntakeStore
  distributor: Distributor
  clock: Clock
  /** Constant-time check of a posted password against the source's stored hash. */
  verifyPassword(password: string, hash: string): Promise<boolean>
  /** Told which part of a source's credentials failed; the caller only hears CREDENTIALS_REFUSED. */
  onRefusal?(refusal: { sourceId: number; detail: string }): void
}
