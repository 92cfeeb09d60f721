import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { transactionPerUnit } from '../group-commit.js'
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
    // Once per statement: a bulk change bumps the version once; truncate counts as a change too.
    async bumpConfigVersionOnChange(migrating, table) {
      await sql
        .raw(
          'create or replace function bump_config_version() returns trigger language plpgsql as ' +
            '$$ begin update config_version set version = version + 1 where id = 1; return null; end $$',
        )
        .execute(migrating)
      await sql
        .raw(
          `create trigger ${table}_config_version after insert or update or delete or truncate ` +
            `on ${table} for each statement execute function bump_config_version()`,
        )
        .execute(migrating)
    },
    async createRowTrigger(migrating, t) {
      // PL/pgSQL runs the same statements as SQLite's trigger body; NEW / OLD read the same way.
      await sql
        .raw(
          `create or replace function ${t.name}() returns trigger language plpgsql as ` +
            `$$ begin if ${t.when} then ${t.body.map((s) => `${s};`).join(' ')} end if; return null; end $$`,
        )
        .execute(migrating)
      await sql
        .raw(
          `create trigger ${t.name} after ${t.event} on ${t.table} for each row execute function ${t.name}()`,
        )
        .execute(migrating)
    },
    jsonText: (column, key) => `(${column}::jsonb ->> '${key}')`,
    singleProcess: false,
    writes: transactionPerUnit(db),
    close: () => db.destroy(),
  }
}
