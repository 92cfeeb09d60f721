import type { Kysely } from 'kysely'

/**
 * Condition alerts and partner portals (issue 15, docs/webhooks.md "Alerts"):
 * - `alert_rules` gains the parameters of condition rules (a source's reject rate over a window,
 *   a source silent for N minutes): which source (null = every active source), the window, the
 *   threshold in percent and the fewest leads a rate needs before it means anything;
 * - `alert_marks` holds one row per open condition episode (`cap:80:contract:7:day:2030-01-01`,
 *   `balance_low:3`, `rule:4:source:2`). The primary key is what makes "one alert per rule per
 *   episode" hold across concurrent sales and nodes: only the insert that creates the row announces.
 * The rate and silence checks read leads by (source_id, received_at): index `leads_source` (001).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alert_rules').addColumn('source_id', 'integer').execute()
  await db.schema.alterTable('alert_rules').addColumn('window_minutes', 'integer').execute()
  await db.schema.alterTable('alert_rules').addColumn('threshold_percent', 'integer').execute()
  await db.schema.alterTable('alert_rules').addColumn('min_leads', 'integer').execute()
  await db.schema
    .createTable('alert_marks')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .execute()
}
