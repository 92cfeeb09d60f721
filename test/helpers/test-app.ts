import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { type Config, loadConfig } from '../../src/config.js'
import type { Clock, HttpClient } from '../../src/core/ports.js'
import { createDemoWorld } from '../../src/demo/create-demo-world.js'
import { buildApp } from '../../src/http/build-app.js'
import type { Leadflow } from '../../src/http/context.js'
import { type DialectName, openTestStorage } from './databases.js'

export interface TestApp {
  app: FastifyInstance
  lf: Leadflow
  /** The database's file (SQLite) or connection URL (PostgreSQL), to open a second connection. */
  url: string
  close(): Promise<void>
}

export const ADMIN = { authorization: 'Bearer demo-admin-key' }

/** A full app on a fresh database with the demo world, workers not started (call lf.worker.drain()). */
export async function createTestApp(
  kind: DialectName,
  options: { config?: Partial<Config>; clock?: Clock; http?: HttpClient; demo?: boolean } = {},
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
  const app = await buildApp(config, {
    storage: test.storage,
    clock: options.clock,
    http: options.http,
    logger: pino({ level: 'silent' }),
  })
  if (options.demo !== false) await createDemoWorld(app.leadflow)
  await app.ready()
  return {
    app,
    lf: app.leadflow,
    url: test.url,
    async close() {
      await app.close()
      await test.drop()
    },
  }
}
