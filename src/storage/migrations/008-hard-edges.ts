import type { Kysely } from 'kysely'

/**
 * Issue 12's hard edges. `demo_marks` remembers what the demo world created (its credentials by
 * secret hash, its source by id), so a start without --demo can retire exactly those on a data
 * directory --demo made. `rate_limits` holds the abuse-limit counters that PostgreSQL nodes share
 * (SQLite runs one process and counts in memory).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demo_marks')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_marks_pk', ['kind', 'ref'])
    .execute()
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'text', (c) => c.notNull())
    .execute()
}
