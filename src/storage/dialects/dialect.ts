import type { ColumnDefinitionBuilder, Kysely, SelectQueryBuilder } from 'kysely'
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
  /** True when only one process can use the database at a time (abandoned claims can be reset at start). */
  readonly singleProcess: boolean
  close(): Promise<void>
}
