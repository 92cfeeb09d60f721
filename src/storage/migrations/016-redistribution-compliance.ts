import type { Kysely } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/**
 * Issue 16, "Every lead earns what it can": re-distribution rules and the per-lead offer counter
 * (docs/distribution.md, "Re-distribution"), and one recorded result per compliance check and
 * lead (docs/compliance.md).
 */
export async function up(db: Kysely<any>, dialect: StorageDialect): Promise<void> {
  await db.schema
    .createTable('redistribution_rules')
    .addColumn('id', 'integer', (c) => dialect.identity(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('lead_type_id', 'integer', (c) => c.references('lead_types.id'))
    .addColumn('source_id', 'integer', (c) => c.references('sources.id'))
    .addColumn('statuses_json', 'text', (c) => c.notNull())
    .addColumn('after_minutes', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('max_consent_age_days', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  // One row per re-offered lead: the attempt counter the conditional claim increments.
  await db.schema
    .createTable('lead_offers')
    .addColumn('lead_id', 'integer', (c) => c.primaryKey().references('leads.id').onDelete('cascade'))
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_offered_at', 'text', (c) => c.notNull())
    .addColumn('last_rule_id', 'integer')
    .addColumn('last_outcome', 'text')
    .execute()

  await db.schema
    .createTable('lead_compliance')
    .addColumn('lead_id', 'integer', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('check_name', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('data_json', 'text')
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lead_compliance_pk', ['lead_id', 'check_name'])
    .execute()

  // The sweep looks for unsold / returned leads of a type, oldest first.
  await db.schema
    .createIndex('leads_status_received')
    .on('leads')
    .columns(['status', 'received_at'])
    .execute()
}
