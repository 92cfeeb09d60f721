import type { FastifyInstance } from 'fastify'
import type { Config } from './config.js'
import { loadEmailDomainLists } from './core/leads/email-domain-lists.js'
import { createDemoWorld } from './demo/create-demo-world.js'
import { generateSecret } from './http/auth.js'
import { buildApp } from './http/build-app.js'
import { createCredential } from './storage/credential-store.js'
import type { StorageDialect } from './storage/dialects/dialect.js'
import { migrateToLatest } from './storage/migrate.js'
import { openStorage } from './storage/open-storage.js'

/** Opens storage, migrates, seeds, builds the app, listens, starts workers; stops all on SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<FastifyInstance> {
  const storage = openStorage(config)
  await migrateToLatest(storage)
  // Load the free-mail/disposable domain lists now, not on the first post (~0.5 s).
  loadEmailDomainLists()
  const app = await buildApp(config, { storage })
  const lf = app.leadflow
  if (config.demo) {
    await createDemoWorld(lf)
    lf.log.info('demo world ready: admin key "demo-admin-key" (see README, 5-minute tour)')
  } else {
    await ensureAdminKey(storage, config, (key) =>
      process.stdout.write(`\nleadflow admin API key (shown once, store it now): ${key}\n\n`),
    )
  }
  await applyConfigFileAtStart(app, config)
  await app.listen({ port: config.port, host: config.host })
  if (config.workers > 0) await lf.worker.start()
  installShutdown(app, storage)
  return app
}

async function ensureAdminKey(storage: StorageDialect, config: Config, show: (key: string) => void) {
  const now = new Date()
  if (config.adminKey) {
    await createCredential(
      storage.db,
      {
        ownerKind: 'admin',
        ownerId: null,
        kind: 'bearer',
        secret: config.adminKey,
        label: 'LEADFLOW_ADMIN_KEY',
      },
      now,
    )
    return
  }
  const existing = await storage.db
    .selectFrom('credentials')
    .select('id')
    .where('owner_kind', '=', 'admin')
    .executeTakeFirst()
  if (existing) return
  const key = generateSecret('lfa')
  await createCredential(
    storage.db,
    { ownerKind: 'admin', ownerId: null, kind: 'bearer', secret: key, label: 'generated at first start' },
    now,
  )
  show(key)
}

async function applyConfigFileAtStart(app: FastifyInstance, config: Config) {
  const { existsSync } = await import('node:fs')
  if (!existsSync(config.configFile)) return
  const { applyConfigFile } = await import('./cli/apply-config-file.js')
  const summary = await applyConfigFile(app.leadflow, config.configFile)
  app.log.info({ file: config.configFile, summary }, 'applied configuration file')
}

/** Graceful shutdown: stop accepting, finish in-flight requests and jobs, close the database. */
function installShutdown(app: FastifyInstance, storage: StorageDialect) {
  let closing = false
  const stop = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    try {
      await app.close()
      await storage.close()
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.once('SIGTERM', () => void stop('SIGTERM'))
  process.once('SIGINT', () => void stop('SIGINT'))
}
