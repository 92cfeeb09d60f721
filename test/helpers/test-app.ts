import type { FastifyInstance, RouteOptions } from 'fastify'
import pino from 'pino'
import { createServices } from '../../src/app/create-services.js'
import type { Services } from '../../src/app/services.js'
import { type Config, loadConfig } from '../../src/config.js'
import type { Clock, HttpClient } from '../../src/core/ports.js'
import { buildApp } from '../../src/http/build-app.js'
import type { StorageDialect } from '../../src/storage/dialects/dialect.js'
import { type DialectName, openTestStorage } from './databases.js'

/**
 * What tests reach past the services for: the database (to arrange and assert rows), the worker
 * (to drain jobs) and the clock. Only tests hold this; src/ never does.
 */
export interface TestHandle {
  readonly db: StorageDialect['db']
  readonly storage: StorageDialect
  readonly worker: Services['worker']
  readonly clock: Clock
  readonly config: Config
  /** The key sealing contract credentials (TEST_SECRET_KEY unless the test passed one). */
  readonly secretKey: Buffer
}

export interface TestApp {
  app: FastifyInstance
  services: Services
  /** The database handle and worker, for assertions and draining jobs. */
  lf: TestHandle
  /** The database's file (SQLite) or connection URL (PostgreSQL), to open a second connection. */
  url: string
  close(): Promise<void>
}

export const ADMIN = { authorization: 'Bearer demo-admin-key' }

/** Seals contract credentials in tests; never the data directory's key. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7)

/** A full app on a fresh database with the demo world, workers not started (call lf.worker.drain()). */
export async function createTestApp(
  kind: DialectName,
  options: {
    config?: Partial<Config>
    clock?: Clock
    http?: HttpClient
    demo?: boolean
    logger?: pino.Logger
    secretKey?: Buffer
    /** Sees every route the app registers (test/http/route-permissions.test.ts). */
    onRoute?: (route: RouteOptions) => void
  } = {},
): Promise<TestApp> {
  const test = await openTestStorage(kind)
  const config = loadConfig(
    {},
    {
      logLevel: 'silent',
      demo: true,
      publicUrl: 'http://leadflow.test',
      outboundAllow: ['127.0.0.1', 'localhost'],
      ...options.config,
    },
  )
  const services = createServices(config, {
    storage: test.storage,
    clock: options.clock,
    http: options.http,
    logger: options.logger ?? pino({ level: 'silent' }),
    secretKey: options.secretKey ?? TEST_SECRET_KEY,
  })
  if (options.demo !== false) await services.admin.seedDemo()
  const app = await buildApp(config, services, { onRoute: options.onRoute })
  await app.ready()
  return {
    app,
    services,
    lf: {
      db: test.storage.db,
      storage: test.storage,
      worker: services.worker,
      clock: services.clock,
      config,
      secretKey: options.secretKey ?? TEST_SECRET_KEY,
    },
    url: test.url,
    async close() {
      await app.close()
      await services.worker.stop()
      await test.drop()
    },
  }
}
