import type { Kysely } from 'kysely'
import type { AuditEntry, AuditFilter, AuditReader } from '../core/accounts/account-stores.js'
import type { Database } from './schema.js'

function parse(text: string | null): unknown {
  return text === null ? null : JSON.parse(text)
}

/** Newest first by id (ids grow with time); the cursor is the last id seen. */
export async function listAudit(db: Kysely<Database>, f: AuditFilter): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(f.limit)
  if (f.actorKind !== undefined) q = q.where('actor_kind', '=', f.actorKind)
  if (f.actorId !== undefined) q = q.where('actor_id', '=', f.actorId)
  if (f.action !== undefined) q = q.where('action', '=', f.action)
  if (f.resource !== undefined) q = q.where('resource', '=', f.resource)
  if (f.resourceId !== undefined) q = q.where('resource_id', '=', f.resourceId)
  if (f.from !== undefined) q = q.where('at', '>=', f.from)
  if (f.to !== undefined) q = q.where('at', '<', f.to)
  if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId)
  const rows = await q.execute()
  return rows.map(({ before_json, after_json, ...rest }) => ({
    ...rest,
    before: parse(before_json),
    after: parse(after_json),
  }))
}

export function createAuditReader(db: Kysely<Database>): AuditReader {
  return { list: (filter) => listAudit(db, filter) }
}
