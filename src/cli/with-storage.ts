import { loadConfig } from '../config.js'
import { buildApp } from '../http/build-app.js'
import type { Leadflow } from '../http/context.js'
import { migrateToLatest } from '../storage/migrate.js'
import { openStorage } from '../storage/open-storage.js'

/** Runs a CLI command with the same wiring as the server, then closes everything. */
export async function withStorage(fn: (lf: Leadflow) => Promise<void>): Promise<void> {
  const config = loadConfig(process.env, { logLevel: 'warn' })
  const storage = openStorage(config)
  try {
    await migrateToLatest(storage)
    const app = await buildApp(config, { storage })
    await fn(app.leadflow)
    await app.close()
  } finally {
    await storage.close()
  }
}
