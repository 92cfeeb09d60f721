import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { DistributionEngine } from '../core/distribution/create-distributor.js'
import type { IdempotencyStore } from '../core/idempotency/idempotency-store.js'
import type { IntakeDeps } from '../core/intake/intake-deps.js'
import type { Clock } from '../core/ports.js'
import type { Readiness } from '../core/readiness.js'
import type { Worker } from '../jobs/worker.js'
import type { AccountsServices } from './accounts-services.js'
import type { AdminServices } from './admin-services.js'
import type { LifecycleServices } from './lifecycle-services.js'
import type { MoneyServices } from './money-services.js'
import type { NotifyServices } from './notify-services.js'
import type { OperationsServices } from './operations-services.js'
import type { PortalServices } from './portal-services.js'
import type { SecurityServices } from './security-services.js'

/**
 * Every service of one leadflow process, built once by createServices (src/app/create-services.ts).
 * HTTP plugins, CLI commands, job tasks and tests receive these; each HTTP plugin is handed only
 * the ones it uses (src/http/build-app.ts). Nothing outside src/app and src/storage holds a
 * database handle.
 */
export interface Services {
  readonly config: Config
  readonly clock: Clock
  readonly log: Logger
  readonly worker: Worker
  readonly distribution: DistributionEngine
  readonly intake: IntakeDeps
  readonly readiness: Readiness
  /** Stored answers of requests sent with an Idempotency-Key (src/protocols/idempotency-key.ts). */
  readonly idempotency: IdempotencyStore
  /** The native admin API's use-cases: configuration, credentials, leads, privacy, reasons. */
  readonly admin: AdminServices
  /** The operating layer: QC, admin switches, suppression, returns, dialler, sandbox (operations-services.ts). */
  readonly ops: OperationsServices
  /** Reports, the ledger and exports (money-services.ts). */
  readonly money: MoneyServices
  /** People and permissions: callers, users, sessions, the audit log (accounts-services.ts). */
  readonly accounts: AccountsServices
  /** Abuse-limit counters and other hard edges (security-services.ts, docs/security.md). */
  readonly security: SecurityServices
  /** Webhook endpoints, their deliveries and alert rules (notify-services.ts; docs/webhooks.md). */
  readonly notify: NotifyServices
  /** The buyer and seller portals, scoped to the caller's own buyer or source (docs/portals.md). */
  readonly portal: PortalServices
  /** Re-distribution, the compliance gate and DNC registry imports (lifecycle-services.ts). */
  readonly lifecycle: LifecycleServices
  /** Stops the worker, closes outbound connections and the database. */
  close(): Promise<void>
}
