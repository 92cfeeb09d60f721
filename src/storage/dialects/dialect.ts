import type { ColumnDefinitionBuilder, Kysely, SelectQueryBuilder } from 'kysely'
import type { GroupCommit } from '../group-commit.js'
import type { Database } from '../schema.js'

/**
 * The seam between leadflow and its database. Every dialect file exports one of these and is the
 * only place that knows which database it is (Kysely's rule: everything outside the dialect
 * implementations is dialect-agnostic).
 */
export interface StorageDialect {
  readonly name: 'sqlite' | 'postgres'
  readonly db: Kysely<Database>
  /** An integer primary key the database numbers itself. */
  identity(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder
  /** Adds the row lock that lets many workers claim rows without waiting on each other. */
  lockSkipLocked<DB, TB extends keyof DB, O>(
    query: SelectQueryBuilder<DB, TB, O>,
  ): SelectQueryBuilder<DB, TB, O>
  /**
   * Makes every insert, update and delete of `table` increment `config_version.version`, in the
   * writer's own transaction (a migration step; src/storage/config-cache.ts).
   */
  bumpConfigVersionOnChange(db: Kysely<any>, table: string): Promise<void>
  /**
   * A row trigger running `body` (statements that may read NEW / OLD) after each insert or update
   * of `table` when `when` holds, in the writer's own transaction (report rollups, migration 010).
   */
  createRowTrigger(db: Kysely<any>, trigger: RowTrigger): Promise<void>
  /** Removes a trigger `createRowTrigger` made (and, on PostgreSQL, its function); absent is fine. */
  dropRowTrigger(db: Kysely<any>, name: string, table: string): Promise<void>
  /** Installs what `jsonText` needs (a migration step, before the first use). */
  createJsonText(db: Kysely<any>): Promise<void>
  /** SQL text reading the string member `key` of the JSON text in `column` (null when absent or not JSON). */
  jsonText(column: string, key: string): string
  /** Installs what `fieldText` needs (a migration step, before the first use). */
  createFieldText(db: Kysely<any>): Promise<void>
  /**
   * SQL text reading lead field `key` from the `fields_json` text in `column`: the parsed field's
   * `normal` form (its `raw` when it has none) when the member is a parsed field object
   * (core/leads/parsed-value.ts), the member itself when it is plain text; null when absent or not JSON.
   */
  fieldText(column: string, key: string): string
  /** Installs what `leadContacts` needs (a migration step, before the first use). */
  createLeadContacts(db: Kysely<any>): Promise<void>
  /**
   * The normal form of every valid email and phone among a lead's parsed fields in the JSON text
   * `column`, as parts of `select <value> from <from> where <where>`; `from` may name columns of
   * an earlier FROM item (migration 020).
   */
  leadContacts(column: string): { value: string; from: string; where: string }
  /**
   * Serializes, until the caller's transaction ends, every transaction that locks one of `keys`
   * (src/storage/claim-duplicate-keys.ts says why). PostgreSQL: transaction-scoped advisory locks;
   * SQLite: nothing to do, its one writer already runs write transactions one at a time.
   */
  lockKeys(trx: Kysely<Database>, keys: readonly string[]): Promise<void>
  /**
   * The id the next lead inserted in the caller's transaction is to be given, reserved before the
   * insert, so a row complete when written (a post's outcome names its lead id) needs no second
   * statement (src/storage/intake-store.ts, saveLead). PostgreSQL: `nextval` of the identity
   * sequence of `leads`; SQLite: one past the high-water mark AUTOINCREMENT would use
   * (sqlite.org/autoinc.html), which its one writer keeps until the caller's insert.
   */
  reserveLeadId(trx: Kysely<Database>): Promise<number>
  /**
   * Makes every insert into `table` send a notification on `channel`, delivered when the
   * writer's transaction commits (a migration step). SQLite: nothing; its one process nudges
   * its own worker.
   */
  notifyOnInsert(db: Kysely<any>, table: string, channel: string): Promise<void>
  /**
   * Calls `onNotify` for every notification on `channel` (PostgreSQL: one dedicated connection
   * outside the pool, reopened after a drop; src/storage/dialects/pg-listener.ts). SQLite: never.
   */
  listen(channel: string, onNotify: () => void, onError: (error: Error) => void): Listening
  /**
   * Waits for every transaction that wrote ledger rows to end and holds new writers until the
   * caller's transaction ends (closing a period, opening a credit line; src/storage/booking-date.ts).
   * PostgreSQL: `LOCK TABLE ledger IN SHARE MODE`; SQLite: nothing, its one writer already does.
   */
  lockLedgerWrites(trx: Kysely<Database>): Promise<void>
  /** True when only one process can use the database at a time (abandoned claims can be reset at start). */
  readonly singleProcess: boolean
  /** How hot-path write transactions commit: grouped where that is safe (src/storage/group-commit.ts). */
  readonly writes: GroupCommit
  close(): Promise<void>
}

export interface Listening {
  close(): Promise<void>
}

export interface RowTrigger {
  readonly name: string
  readonly table: string
  readonly event: 'insert' | 'update'
  /** A boolean SQL condition over NEW / OLD; the trigger does nothing when it is false. */
  readonly when: string
  readonly body: readonly string[]
}
