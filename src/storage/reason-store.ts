import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

export type ReasonKind = 'return' | 'reject'

export interface ReasonRow {
  id: number
  kind: ReasonKind
  name: string
  active: boolean
  created_at: string
}

function toReason(row: {
  id: number
  kind: string
  name: string
  active: number
  created_at: string
}): ReasonRow {
  return {
    id: row.id,
    kind: row.kind as ReasonKind,
    name: row.name,
    active: row.active === 1,
    created_at: row.created_at,
  }
}

/** Reasons of a kind (or all), by id; CAKE's reason lists show active ones only. */
export async function listReasons(
  db: Kysely<Database>,
  filter: { kind?: ReasonKind; activeOnly?: boolean } = {},
): Promise<ReasonRow[]> {
  let query = db.selectFrom('reasons').selectAll().orderBy('id')
  if (filter.kind) query = query.where('kind', '=', filter.kind)
  if (filter.activeOnly) query = query.where('active', '=', 1)
  return (await query.execute()).map(toReason)
}

export async function getReason(db: Kysely<Database>, id: number): Promise<ReasonRow | undefined> {
  const row = await db.selectFrom('reasons').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toReason(row)
}

export async function createReason(db: Kysely<Database>, kind: ReasonKind, name: string, now: Date) {
  const row = await db
    .insertInto('reasons')
    .values({ kind, name, active: 1, created_at: now.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toReason(row)
}

/** Reasons are never deleted: returns keep pointing at them; `active: false` retires one. */
export async function updateReason(
  db: Kysely<Database>,
  id: number,
  change: { name?: string; active?: boolean },
): Promise<ReasonRow | undefined> {
  const set: { name?: string; active?: number } = {}
  if (change.name !== undefined) set.name = change.name
  if (change.active !== undefined) set.active = change.active ? 1 : 0
  if (Object.keys(set).length > 0) await db.updateTable('reasons').set(set).where('id', '=', id).execute()
  return getReason(db, id)
}

/** Case-insensitive lookup of a same-kind reason name, to refuse duplicates. */
export async function findReasonNamed(db: Kysely<Database>, kind: ReasonKind, name: string) {
  const row = await db
    .selectFrom('reasons')
    .selectAll()
    .where('kind', '=', kind)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.trim().toLowerCase()))
    .executeTakeFirst()
  return row && toReason(row)
}
