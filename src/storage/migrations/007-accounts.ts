import type { Kysely } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/**
 * Named users, console sessions, one-time invitation/reset tokens, the audit log, and the
 * credential columns for rotation and IP allow-lists (docs/accounts.md). Admin keys issued before
 * permissions were enforced held every power; they keep it as `["*"]` rather than lose access.
 */
export async function up(db: Kysely<any>, dialect: StorageDialect): Promise<void> {
  const table = (name: string) =>
    db.schema.createTable(name).addColumn('id', 'integer', (c) => dialect.identity(c))

  await table('users')
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('buyer_id', 'integer')
    .addColumn('source_id', 'integer')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('last_sign_in_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_hash', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await table('user_tokens')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await table('audit_log')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_label', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('ip', 'text')
    .execute()
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute()
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_kind', 'actor_id']).execute()

  await db.schema
    .alterTable('credentials')
    .addColumn('allowed_cidrs_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
  await db.schema.alterTable('credentials').addColumn('rotated_to', 'integer').execute()
  await db
    .updateTable('credentials')
    .set({ scopes_json: '["*"]' })
    .where('owner_kind', '=', 'admin')
    .where('scopes_json', '=', '[]')
    .execute()
}
