import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Config, ConfigError } from '../config.js'
import { SecretKeyMismatch, sealStoredSecrets } from '../storage/contract-secrets.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { createSealer, type Sealer } from '../storage/secret-seal.js'

/** 32 bytes written as 64 hex digits or as base64 (44 characters). */
export function parseSecretKey(text: string, from: string): Buffer {
  const trimmed = text.trim()
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
  if (key.length !== 32)
    throw new ConfigError(
      `${from} must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32), got ${key.length} bytes`,
    )
  return key
}

/**
 * The key sealing contract credentials: LEADFLOW_SECRET_KEY, else (SQLite only) the data
 * directory's `secret.key`, created on first start with mode 0600. PostgreSQL nodes share no data
 * directory, so each would make its own key and could not open the others' seals: it must be set.
 */
export function resolveSecretKey(config: Config, dialect: StorageDialect['name']): Buffer {
  if (config.security.secretKey) return parseSecretKey(config.security.secretKey, 'LEADFLOW_SECRET_KEY')
  if (dialect === 'postgres')
    throw new ConfigError(
      'LEADFLOW_SECRET_KEY must be set with PostgreSQL: every node needs the same key to open contract ' +
        'credentials (generate one with: openssl rand -base64 32)',
    )
  const file = join(config.dataDir, 'secret.key')
  try {
    return parseSecretKey(readFileSync(file, 'utf8'), file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  mkdirSync(config.dataDir, { recursive: true })
  try {
    // 'wx': never overwrite a key another process wrote in the meantime.
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return parseSecretKey(readFileSync(file, 'utf8'), file)
}

/**
 * At start: seals credentials stored before sealing existed and proves the key opens the sealed
 * ones. A wrong key stops the start here, never a delivery later.
 */
export async function openSecrets(storage: StorageDialect, key: Buffer): Promise<Sealer> {
  const sealer = createSealer(key)
  try {
    await sealStoredSecrets(storage.db, sealer)
  } catch (error) {
    if (!(error instanceof SecretKeyMismatch)) throw error
    throw new ConfigError(
      `LEADFLOW_SECRET_KEY does not open the stored contract credentials (${error.message}); ` +
        'start with the key they were sealed with',
      { cause: error },
    )
  }
  return sealer
}
