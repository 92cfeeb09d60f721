import type { Kysely } from 'kysely'
import type {
  NewSuppressionList,
  SuppressionListView,
  SuppressionStore,
} from '../core/suppression/suppression-lists.js'
import type { Database } from './schema.js'

/** The suppression port (src/core/suppression/suppression-lists.ts) over Kysely. */
export function createSuppressionStore(db: Kysely<Database>): SuppressionStore {
  return {
    list: (id) => listSuppressionLists(db, id),
    create: (list, now) => createSuppressionList(db, list, now),
    remove: (id) => deleteSuppressionList(db, id),
    addEntries: (listId, values, now) => addSuppressionEntries(db, listId, values, now),
    removeEntries: (listId, values) => removeSuppressionEntries(db, listId, values),
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
  now: Date,
): Promise<{ ok: true; id: number } | { ok: false; reason: 'name_taken' | 'unknown_lid' }> {
  let leadTypeId: number | null = null
  if (list.lid) {
    const type = await db.selectFrom('lead_types').select('id').where('lid', '=', list.lid).executeTakeFirst()
    if (!type) return { ok: false, reason: 'unknown_lid' }
    leadTypeId = type.id
  }
  const row = await db
    .insertInto('suppression_lists')
    .values({ name: list.name, kind: list.kind, lead_type_id: leadTypeId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ? { ok: true, id: row.id } : { ok: false, reason: 'name_taken' }
}

/** A list and its entries go together, in one transaction; false when there was no such list. */
export async function deleteSuppressionList(db: Kysely<Database>, id: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('suppression_entries').where('list_id', '=', id).execute()
    const result = await trx.deleteFrom('suppression_lists').where('id', '=', id).executeTakeFirst()
    return Number(result.numDeletedRows) === 1
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
  now: Date,
): Promise<number> {
  let added = 0
  const unique = [...new Set(values)]
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500)
      const result = await trx
        .insertInto('suppression_entries')
        .values(chunk.map((value) => ({ list_id: listId, value, created_at: now.toISOString() })))
        .onConflict((oc) => oc.columns(['list_id', 'value']).doNothing())
        .executeTakeFirst()
      added += Number(result.numInsertedOrUpdatedRows ?? 0)
    }
  })
  return added
}

export async function removeSuppressionEntries(
  db: Kysely<Database>,
  listId: number,
  values: readonly string[],
): Promise<number> {
  if (values.length === 0) return 0
  const result = await db
    .deleteFrom('suppression_entries')
    .where('list_id', '=', listId)
    .where('value', 'in', [...values])
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
