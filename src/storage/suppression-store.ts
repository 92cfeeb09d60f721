import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

export interface SuppressionListView {
  id: number
  name: string
  kind: string
  lid: number | null
  entries: number
  createdAt: string
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
