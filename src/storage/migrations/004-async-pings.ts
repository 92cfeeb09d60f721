import type { Kysely } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/**
 * Async pings (LeadExec `POST /processor/insert/ping/…/async`, seed 003): a ping is not a lead,
 * so a queued one waits in its own table until its job runs the auction; the row's id is the
 * PostID its StatusURL names, and the stored answer is what the callback sends.
 */
export async function up(db: Kysely<any>, _dialect: StorageDialect): Promise<void> {
  await db.schema
    .createTable('ping_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('lead_type_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('request_json', 'text', (c) => c.notNull())
    .addColumn('response_json', 'text')
    .addColumn('return_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text')
    .execute()
}
