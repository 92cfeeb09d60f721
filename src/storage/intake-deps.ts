import type { IntakeDeps } from '../core/intake/intake-deps.js'
import { verifyPassword } from '../http/auth.js'
import type { Leadflow } from '../http/context.js'
import { createIntakeStore } from './intake-store.js'

/**
 * Intake's dependencies for this app. The distributor is read on every use because the
 * distribution domain replaces `lf.distributor` while domains register.
 */
export function intakeDepsFor(lf: Leadflow): IntakeDeps {
  return {
    store: createIntakeStore(lf.db, lf.clock, lf.storage.writes),
    get distributor() {
      return lf.distributor
    },
    clock: lf.clock,
    verifyPassword,
  }
}
