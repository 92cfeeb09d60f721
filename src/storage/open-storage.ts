import { join } from 'node:path'
import type { Config } from '../config.js'
import type { StorageDialect } from './dialects/dialect.js'
import { openPostgres } from './dialects/postgres.js'
import { openSqlite } from './dialects/sqlite.js'

export function openStorage(config: Pick<Config, 'databaseUrl' | 'dataDir'>): StorageDialect {
  if (config.databaseUrl) return openPostgres(config.databaseUrl)
  return openSqlite(join(config.dataDir, 'leadflow.db'))
}
