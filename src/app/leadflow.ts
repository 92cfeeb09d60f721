import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { AdminAuth } from '../core/config/credential-admin.js'
import type { Distributor } from '../core/distribution/distributor.js'
import type { Clock, HttpClient } from '../core/ports.js'
import type { Worker } from '../jobs/worker.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import type { Database } from '../storage/schema.js'

/**
 * Transitional: the bag every plugin and task used to receive. createServices builds it once;
 * adapters move to the narrow services of src/app/services.ts.
 */
export interface Leadflow {
  readonly config: Config
  readonly storage: StorageDialect
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly http: HttpClient
  readonly log: Logger
  readonly worker: Worker
  readonly distributor: Distributor
  /** For route files not yet moved: requireAdmin(lf) reads this (protocols/native/admin-auth.ts). */
  readonly adminAuth: AdminAuth
}

export interface PluginOptions {
  lf: Leadflow
}
