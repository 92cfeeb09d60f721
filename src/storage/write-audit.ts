import type { Kysely } from 'kysely'
import type { AuditChange } from '../core/accounts/account-stores.js'
import type { Database } from './schema.js'

export interface AuditRow {
  resource: string
  resourceId: string | number | null
  before: unknown
  after: unknown
}

/**
 * Writes one audit row. Callers pass their transaction, so the row commits with the change it
 * records or not at all (DESIGN.md, "People and permissions").
 */
export async function writeAudit(
  db: Kysely<Database>,
  change: AuditChange,
  row: AuditRow,
  now: Date,
): Promise<void> {
  const { audit, action } = change
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor_kind: audit.actorKind,
      actor_id: audit.actorId,
      actor_label: audit.actorLabel,
      action,
      resource: row.resource,
      resource_id: row.resourceId === null ? null : String(row.resourceId),
      before_json: row.before === undefined ? null : JSON.stringify(row.before),
      after_json: row.after === undefined ? null : JSON.stringify(row.after),
      ip: audit.ip,
    })
    .execute()
}
