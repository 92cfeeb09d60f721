import type { Kysely } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/**
 * Idempotency keys (issue #11; src/storage/idempotency-store.ts): one row per (scope, key), the
 * scope being a hash of the protocol and the sender's credential. The primary key decides which
 * of two concurrent requests with one key runs; `expires_at` bounds retention.
 */
export async function up(db: Kysely<any>, _dialect: StorageDialect): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_type', 'text')
    .addColumn('response_location', 'text')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute()
  await db.schema.createIndex('idempotency_keys_expiry').on('idempotency_keys').column('expires_at').execute()
}
