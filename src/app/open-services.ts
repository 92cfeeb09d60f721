import pino from 'pino'
import type { Config } from '../config.js'
import { loadEmailDomainLists } from '../core/leads/email-domain-lists.js'
import { migrateToLatest } from '../storage/migrate.js'
import { openStorage } from '../storage/open-storage.js'
import { createServices, type ServiceDeps } from './create-services.js'
import { openSecrets, resolveSecretKey } from './secret-key.js'
import type { Services } from './services.js'

/**
 * Opens the configured database, migrates it and builds the services over it: the one start-up
 * path of `leadflow serve` and every CLI command.
 */
export async function openServices(
  config: Config,
  deps: Omit<ServiceDeps, 'storage'> = {},
): Promise<Services> {
  const log = deps.logger ?? pino({ level: config.logLevel })
  const storage = openStorage(config, (err) =>
    log.warn({ err }, 'database connection lost; the pool replaces it'),
  )
  let secretKey: Buffer
  try {
    await migrateToLatest(storage)
    secretKey = resolveSecretKey(config, storage.name)
    await openSecrets(storage, secretKey)
  } catch (error) {
    await storage.close()
    throw error
  }
  // Load the free-mail/disposable domain lists now, not on the first post (~0.5 s).
  loadEmailDomainLists()
  return createServices(config, { ...deps, logger: log, storage, secretKey })
}

/** `leadflow migrate`: applies pending migrations and returns their names. */
export async function migrateDatabase(config: Config): Promise<string[]> {
  const storage = openStorage(config)
  try {
    return await migrateToLatest(storage)
  } finally {
    await storage.close()
  }
}
