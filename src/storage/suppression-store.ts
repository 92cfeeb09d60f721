import type { Kysely } from 'kysely'
import type { AuditChange } from '../core/accounts/account-stores.js'
import type {
  NewSuppressionList,
  SuppressionListView,
  SuppressionStore,
} from '../core/suppression/suppression-lists.js'
import type { Database } from './schema.js'
import { writeAudit } from './write-audit.js'

/** The suppression port (src/core/suppression/suppression-lists.ts) over Kysely. */
export function createSuppressionStore(db: Kysely<Database>): SuppressionStore {
  return {
    list: (id) => listSuppressionLists(db, id),
    create: (list, change, now) => createSuppressionList(db, list, change, now),
    remove: (id, change, now) => deleteSuppressionList(db, id, change, now),
    addEntries: (listId, values, change, now) => addSuppressionEntries(db, listId, values, change, now),
    removeEntries: (listId, values, change, now) => removeSuppressionEntries(db, listId, values, change, now),
  }
}

/**
 * Inserts a list; a taken name is answered by the unique `suppression_lists.name` index
 * (ON CONFLICT DO NOTHING), not by a check first, so of N concurrent creates of one name exactly
 * one inserts and the rest see `name_taken` — never a constraint error.
 */
export async function createSuppressionList(
  db: Kysely<Database>,
  list: NewSuppressionList,
  change: AuditChange,
  now: Date,
): Promise<{ ok: true; id: number } | { ok: false; reason: 'name_taken' | 'unknown_lid' }> {
  let leadTypeId: number | null = null
  if (list.lid) {
    const type = await db.selectFrom('lead_types').select('id').where('lid', '=', list.lid).executeTakeFirst()
    if (!type) return { ok: false, reason: 'unknown_lid' }
    leadTypeId = type.id
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('suppression_lists')
      .values({ name: list.name, kind: list.kind, lead_type_id: leadTypeId, created_at: now.toISOString() })
      .onConflict((oc) => oc.column('name').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) return { ok: false as const, reason: 'name_taken' as const }
    const after = { id: row.id, name: list.name, kind: list.kind, lid: list.lid ?? null }
    await writeAudit(
      trx,
      change,
      { resource: 'suppression_list', resourceId: row.id, before: null, after },
      now,
    )
    return { ok: true as const, id: row.id }
  })
}

/** The list as its audit rows show it: name, kind, lid and how many entries (never the values). */
async function auditedList(db: Kysely<Database>, id: number) {
  const [list] = await listSuppressionLists(db, id)
  return list && { id: list.id, name: list.name, kind: list.kind, lid: list.lid, entries: list.entries }
}

/** A list and its entries go together, in one transaction; false when there was no such list. */
export async function deleteSuppressionList(
  db: Kysely<Database>,
  id: number,
  change: AuditChange,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await auditedList(trx, id)
    await trx.deleteFrom('suppression_entries').where('list_id', '=', id).execute()
    const result = await trx.deleteFrom('suppression_lists').where('id', '=', id).executeTakeFirst()
    const removed = Number(result.numDeletedRows) === 1
    if (removed)
      await writeAudit(
        trx,
        change,
        { resource: 'suppression_list', resourceId: id, before, after: null },
        now,
      )
    return removed
  })
}

/** Lists with their lead type's lid and entry count (one grouped query, lists are few). */
export async function listSuppressionLists(
  db: Kysely<Database>,
  id?: number,
): Promise<SuppressionListView[]> {
  let query = db
    .selectFrom('suppression_lists as l')
    .leftJoin('lead_types as t', 't.id', 'l.lead_type_id')
    .leftJoin('suppression_entries as e', 'e.list_id', 'l.id')
    .select((eb) => [
      'l.id',
      'l.name',
      'l.kind',
      't.lid',
      'l.created_at',
      eb.fn.count<number>('e.id').as('entries'),
    ])
    .groupBy(['l.id', 'l.name', 'l.kind', 't.lid', 'l.created_at'])
    .orderBy('l.id')
  if (id !== undefined) query = query.where('l.id', '=', id)
  const rows = await query.execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    lid: r.lid ?? null,
    entries: Number(r.entries),
    createdAt: r.created_at,
  }))
}

/**
 * Adds normalized values in chunks; a value already on the list is skipped by the unique
 * (list_id, value) index rather than checked first, so concurrent loads cannot duplicate it.
 */
export async function addSuppressionEntries(
  db: Kysely<Database>,
  listId: number,
  values: readonly string[],
  change: AuditChange,
  now: Date,
): Promise<number> {
  let added = 0
  const unique = [...new Set(values)]
  await db.transaction().execute(async (trx) => {
    const before = await auditedList(trx, listId)
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500)
      const result = await trx
        .insertInto('suppression_entries')
        .values(chunk.map((value) => ({ list_id: listId, value, created_at: now.toISOString() })))
        .onConflict((oc) => oc.columns(['list_id', 'value']).doNothing())
        .executeTakeFirst()
      added += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
    const after = before && { ...before, entries: before.entries + added, added, asked: unique.length }
    await writeAudit(trx, change, { resource: 'suppression_list', resourceId: listId, before, after }, now)
  })
  return added
}

export async function removeSuppressionEntries(
  db: Kysely<Database>,
  listId: number,
  values: readonly string[],
  change: AuditChange,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const before = await auditedList(trx, listId)
    const unique = [...new Set(values)]
    let removed = 0
    for (let i = 0; i < unique.length; i += 500) {
      const result = await trx
        .deleteFrom('suppression_entries')
        .where('list_id', '=', listId)
        .where('value', 'in', unique.slice(i, i + 500))
        .executeTakeFirst()
      removed += Number(result.numDeletedRows)
    }
    const after = before && { ...before, entries: before.entries - removed, removed, asked: unique.length }
    await writeAudit(trx, change, { resource: 'suppression_list', resourceId: listId, before, after }, now)
    return removed
  })
}
