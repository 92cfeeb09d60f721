import { join } from 'node:path'
import type { Config } from '../config.js'
import type { StorageDialect } from './dialects/dialect.js'
import { openPostgres } from './dialects/postgres.js'
import { openSqlite } from './dialects/sqlite.js'

type StorageConfig = Pick<Config, 'databaseUrl' | 'dataDir'> &
  Partial<Pick<Config, 'pgStatementTimeoutMs' | 'pgPoolSize'>>

/** `onPoolError` receives what a PostgreSQL connection reports outside a query (to be logged). */
export function openStorage(config: StorageConfig, onPoolError?: (error: Error) => void): StorageDialect {
  if (config.databaseUrl) {
    return openPostgres(config.databaseUrl, {
      poolSize: config.pgPoolSize,
      statementTimeoutMs: config.pgStatementTimeoutMs,
      onPoolError,
    })
  }
  return openSqlite(join(config.dataDir, 'leadflow.db'))
}
