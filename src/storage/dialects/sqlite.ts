import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import { CompiledQuery, Kysely, SqliteDialect, sql } from 'kysely'
import { groupCommit } from '../group-commit.js'
import type { Database } from '../schema.js'
import { withDatabaseFaults } from './database-faults.js'
import type { StorageDialect } from './dialect.js'
import { withStatementCache } from './sqlite-statement-cache.js'

/** A parsed field (core/leads/parsed-value.ts) that holds a valid phone (E.164) or email. */
const CONTACT_FIELD =
  "f.type = 'object' and json_extract(f.value, '$.valid') = 1 and " +
  "json_type(f.value, '$.normal') = 'text' and " +
  "(json_extract(f.value, '$.components.e164') is not null or " +
  "(json_extract(f.value, '$.components.user') is not null and " +
  "json_extract(f.value, '$.components.domain') is not null))"

/** AUTOINCREMENT's next id for `leads`: past both the sequence's high-water mark and the largest id. */
const NEXT_LEAD_ID = CompiledQuery.raw(
  "select max(coalesce((select seq from sqlite_sequence where name = 'leads'), 0), " +
    'coalesce((select max(id) from leads), 0)) + 1 as id',
)

/**
 * SQLite through better-sqlite3. WAL lets readers run beside the one writer; synchronous=NORMAL
 * in WAL mode keeps every committed transaction through a process crash (SIGKILL) — only a power
 * loss can drop the last commits (sqlite.org/wal.html, "Durability"). busy_timeout covers the
 * CLI writing while the server runs.
 */
export function openSqlite(file: string): StorageDialect {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const database = new SQLite(file)
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = NORMAL')
  database.pragma('busy_timeout = 5000')
  database.pragma('foreign_keys = ON')
  const dialect = withDatabaseFaults(new SqliteDialect({ database: withStatementCache(database) }))
  const db = new Kysely<Database>({ dialect })
  return {
    name: 'sqlite',
    db,
    identity: (column) => column.primaryKey().autoIncrement(),
    // One writer at a time: a claim inside a write transaction is already exclusive.
    lockSkipLocked: (query) => query,
    // SQLite triggers are per row only; configuration rows change rarely, so that costs nothing.
    async bumpConfigVersionOnChange(migrating, table) {
      for (const change of ['insert', 'update', 'delete']) {
        await sql
          .raw(
            `create trigger ${table}_config_version_${change} after ${change} on ${table} ` +
              'begin update config_version set version = version + 1 where id = 1; end',
          )
          .execute(migrating)
      }
    },
    async createRowTrigger(migrating, t) {
      await sql
        .raw(
          `create trigger ${t.name} after ${t.event} on ${t.table} for each row when ${t.when} ` +
            `begin ${t.body.map((s) => `${s};`).join(' ')} end`,
        )
        .execute(migrating)
    },
    async dropRowTrigger(migrating, name) {
      await sql.raw(`drop trigger if exists ${name}`).execute(migrating)
    },
    createJsonText: async () => {},
    jsonText: (column, key) => `json_extract(${column}, '$.${key}')`,
    createFieldText: async () => {},
    fieldText: (column, key) =>
      `case json_type(${column}, '$.${key}') when 'object' then ` +
      `coalesce(json_extract(${column}, '$.${key}.normal'), json_extract(${column}, '$.${key}.raw')) ` +
      `else json_extract(${column}, '$.${key}') end`,
    createLeadContacts: async () => {},
    leadContacts: (column) => ({
      value: `json_extract(f.value, '$.normal')`,
      // CASE guards json_each, which raises on text that is not a JSON object.
      from: `json_each(case when not json_valid(${column}) then '{}' when json_type(${column}) = 'object' then ${column} else '{}' end) f`,
      where: CONTACT_FIELD,
    }),
    // The single connection runs write transactions one after another (and group commit runs
    // its units in order inside one), so a read-then-write inside one is already serialized.
    lockKeys: async () => {},
    async reserveLeadId(trx) {
      const row = (await trx.executeQuery<{ id: number }>(NEXT_LEAD_ID)).rows[0]
      return row!.id
    },
    // One process per database: a local enqueue nudges the local worker (src/jobs/worker.ts).
    notifyOnInsert: async () => {},
    listen: () => ({ close: async () => {} }),
    lockLedgerWrites: async () => {},
    singleProcess: true,
    // One connection runs every transaction alone anyway, so concurrent posts can share a commit.
    writes: groupCommit(db),
    close: () => db.destroy(),
  }
}
