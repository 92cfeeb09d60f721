import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from '../schema.js'
import type { StorageDialect } from './dialect.js'

// int8 (counts, sums of cents) and numeric arrive as strings from node-postgres; every value
// leadflow stores fits in a double's 53 integer bits, so read them as numbers.
pg.types.setTypeParser(20, (v) => Number(v))
pg.types.setTypeParser(1700, (v) => Number(v))

export function openPostgres(connectionString: string, poolSize = 10): StorageDialect {
  const pool = new pg.Pool({ connectionString, max: poolSize })
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    name: 'postgres',
    db,
    identity: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
    lockSkipLocked: (query) => query.forUpdate().skipLocked(),
    singleProcess: false,
    close: () => db.destroy(),
  }
}
