import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely'
import type pg from 'pg'
import { transactionPerUnit } from '../group-commit.js'
import type { Database } from '../schema.js'
import { withDatabaseFaults } from './database-faults.js'
import type { StorageDialect } from './dialect.js'
import { loadPg } from './load-pg.js'
import { lockAdvisoryKeys } from './lock-advisory-keys.js'
import { listenPostgres } from './pg-listener.js'

export interface PostgresOptions {
  poolSize?: number
  /** PostgreSQL's `statement_timeout` for every connection, ms (0: none). */
  statementTimeoutMs?: number
  /** Called with every error a pooled connection reports outside a query (logged by the caller). */
  onPoolError?: (error: Error) => void
}

// int8 (counts, sums of cents) and numeric arrive as strings from node-postgres; every value
// leadflow stores fits in a double's 53 integer bits, so read them as numbers. Set on this pool's
// clients only (pg's `types` option), never on pg.types, which every other pg user shares.
const NUMBER_OIDS = new Set([20, 1700])
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMBER_OIDS.has(oid) && format !== 'binary'
      ? (value: string) => Number(value)
      : loadPg().types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

/**
 * PostgreSQL through a node-postgres pool. A connection the server drops (pg_terminate_backend,
 * a restart, a failover) emits `'error'` on its client, and an unhandled `'error'` event ends the
 * process: every client gets a listener when the pool creates it, idle or checked out, and the
 * pool discards a broken client when it is released (pg-pool `_release`: `!client._queryable`),
 * so the next checkout opens a fresh connection. The query that was running fails with a fault
 * that withDatabaseFaults turns into LF_DATABASE_UNAVAILABLE (503, docs/reliability.md).
 */
const NEXT_LEAD_ID = CompiledQuery.raw("select nextval(pg_get_serial_sequence('leads', 'id')) as id")

/**
 * A member of a JSON text as text, or null when the text is not JSON jsonb accepts: jsonb refuses
 * some JSON that SQLite's json_extract reads (a \\u0000 escape, a lone surrogate), and a trigger
 * that raised would fail the writer's whole transaction (a hostile post answering 500).
 */
const SAFE_JSON_TEXT =
  'create or replace function lf_json_text(doc text, key text) returns text language plpgsql immutable as ' +
  '$$ begin return doc::jsonb ->> key; exception when others then return null; end $$'

/** dialect.fieldText: a parsed field's normal form (else raw), or a plain member's text. */
const FIELD_TEXT =
  'create or replace function lf_field_text(doc text, key text) returns text language plpgsql immutable as ' +
  "$$ declare v jsonb; begin v := doc::jsonb -> key; if jsonb_typeof(v) = 'object' then " +
  "return coalesce(v ->> 'normal', v ->> 'raw'); end if; return v #>> '{}'; " +
  'exception when others then return null; end $$'

/**
 * The normal form of every valid phone (E.164) and email among a lead's parsed fields
 * (core/leads/parsed-value.ts); nothing for text that is not a JSON object.
 */
const LEAD_CONTACTS =
  'create or replace function lf_lead_contacts(doc text) returns setof text language plpgsql immutable as ' +
  "$$ declare j jsonb; begin j := doc::jsonb; if jsonb_typeof(j) <> 'object' then return; end if; " +
  "return query select f.value ->> 'normal' from jsonb_each(j) f where jsonb_typeof(f.value) = 'object' " +
  "and f.value -> 'valid' = 'true'::jsonb and (f.value -> 'components' ? 'e164' or " +
  "(f.value -> 'components' ? 'user' and f.value -> 'components' ? 'domain')); " +
  'exception when others then return; end $$'

export function openPostgres(
  connectionString: string,
  poolSizeOrOptions: number | PostgresOptions = {},
): StorageDialect {
  const options = typeof poolSizeOrOptions === 'number' ? { poolSize: poolSizeOrOptions } : poolSizeOrOptions
  const report = options.onPoolError ?? (() => {})
  const { Pool } = loadPg()
  const pool = new Pool({
    connectionString,
    max: options.poolSize ?? 10,
    types,
    // A request waits at most this long for a connection while the server is away, then answers 503.
    connectionTimeoutMillis: 5_000,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  })
  pool.on('error', (error) => report(error))
  pool.on('connect', (client) => client.on('error', (error) => report(error)))
  const db = new Kysely<Database>({ dialect: withDatabaseFaults(new PostgresDialect({ pool })) })
  return {
    name: 'postgres',
    db,
    identity: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
    lockSkipLocked: (query) => query.forUpdate().skipLocked(),
    lockKeys: lockAdvisoryKeys,
    async reserveLeadId(trx) {
      const row = (await trx.executeQuery<{ id: number | string }>(NEXT_LEAD_ID)).rows[0]
      return Number(row!.id)
    },
    // SHARE conflicts with the ROW EXCLUSIVE lock every INSERT takes, and with nothing readers take.
    async lockLedgerWrites(trx) {
      await sql`lock table ledger in share mode`.execute(trx)
    },
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
    async dropRowTrigger(migrating, name, table) {
      await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(migrating)
      await sql.raw(`drop function if exists ${name}()`).execute(migrating)
    },
    async createJsonText(migrating) {
      await sql.raw(SAFE_JSON_TEXT).execute(migrating)
    },
    jsonText: (column, key) => `lf_json_text(${column}, '${key}')`,
    async createFieldText(migrating) {
      await sql.raw(FIELD_TEXT).execute(migrating)
    },
    fieldText: (column, key) => `lf_field_text(${column}, '${key}')`,
    async createLeadContacts(migrating) {
      await sql.raw(LEAD_CONTACTS).execute(migrating)
    },
    leadContacts: (column) => ({ value: 'c', from: `lf_lead_contacts(${column}) c`, where: 'c is not null' }),
    // Statement level: one notification per insert statement; PostgreSQL folds identical
    // notifications of one transaction into one and delivers them at commit, never before.
    async notifyOnInsert(migrating, table, channel) {
      const fn = `${table}_notify`
      await sql
        .raw(
          `create or replace function ${fn}() returns trigger language plpgsql as ` +
            `$$ begin perform pg_notify('${channel}', ''); return null; end $$`,
        )
        .execute(migrating)
      await sql
        .raw(`create trigger ${fn} after insert on ${table} for each statement execute function ${fn}()`)
        .execute(migrating)
    },
    listen: (channel, onNotify, onError) => listenPostgres(connectionString, channel, { onNotify, onError }),
    singleProcess: false,
    writes: transactionPerUnit(db),
    close: () => db.destroy(),
  }
}
