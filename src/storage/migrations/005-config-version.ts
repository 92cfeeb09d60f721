import type { Kysely } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/** The tables intake reads on every post and caches (src/storage/config-cache.ts). */
export const CACHED_CONFIG_TABLES = ['sources', 'lead_types', 'campaigns', 'suppression_lists'] as const

/**
 * A version number of intake's configuration that the database keeps itself, so an in-memory
 * cache of sources, lead types, campaigns and suppression lists can tell, with one read, whether
 * anything changed since it filled — whoever changed it (docs/performance.md).
 */
export async function up(db: Kysely<any>, dialect: StorageDialect): Promise<void> {
  await db.schema
    .createTable('config_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute()
  await db.insertInto('config_version').values({ id: 1, version: 0 }).execute()
  for (const table of CACHED_CONFIG_TABLES) await dialect.bumpConfigVersionOnChange(db, table)
}
