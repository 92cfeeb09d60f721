import type { Kysely } from 'kysely'

/**
 * The operating reports (docs/reports.md, "Operating reports") read ping and post events by time:
 * one range scan of (kind, started_at) instead of the whole events table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('events_kind_started').on('events').columns(['kind', 'started_at']).execute()
}
