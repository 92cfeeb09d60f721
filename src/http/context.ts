import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { Distributor } from '../core/distribution/distributor.js'
import type { Clock, HttpClient } from '../core/ports.js'
import type { Worker } from '../jobs/worker.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import type { Database } from '../storage/schema.js'

/** Everything a plugin or task needs, built once by buildApp and handed to each plugin. */
export interface Leadflow {
  readonly config: Config
  readonly storage: StorageDialect
  readonly db: Kysely<Database>
  readonly clock: Clock
  readonly http: HttpClient
  readonly log: Logger
  readonly worker: Worker
  /** Set once at build time by the distribution domain (register-domains.ts). */
  distributor: Distributor
}

export interface PluginOptions {
  lf: Leadflow
}

declare module 'fastify' {
  interface FastifyInstance {
    leadflow: Leadflow
  }
}
