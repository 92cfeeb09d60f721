import { type Kysely, sql } from 'kysely'
import type { Reason, ReasonKind, ReasonStore } from '../core/feedback/reason-admin.js'
import type { Database } from './schema.js'

export type { ReasonKind }
export type ReasonRow = Reason

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

/**
 * Inserts the reason unless a same-kind reason has the name (case-insensitive), in one statement,
 * so no other request can slip in between a look-up and the insert on SQLite (one writer). On
 * PostgreSQL two concurrent statements could still both insert: the table has no unique index
 * on (kind, lower(name)) yet; adding one is a migration (see the native-API branch report).
 */
export async function createReasonIfAbsent(
  db: Kysely<Database>,
  kind: ReasonKind,
  name: string,
  now: Date,
): Promise<ReasonRow | undefined> {
  const { rows } = await sql<{ id: number; kind: string; name: string; active: number; created_at: string }>`
    insert into reasons (kind, name, active, created_at)
    select ${kind}, ${name}, 1, ${now.toISOString()}
    where not exists (select 1 from reasons where kind = ${kind} and lower(name) = ${name.toLowerCase()})
    returning id, kind, name, active, created_at`.execute(db)
  return rows[0] && toReason(rows[0])
}

/** The ReasonStore port (core/feedback/reason-admin.ts) over one database. */
export function createReasonStore(db: Kysely<Database>): ReasonStore {
  return {
    list: (filter) => listReasons(db, filter),
    get: (id) => getReason(db, id),
    createIfAbsent: (kind, name, now) => createReasonIfAbsent(db, kind, name, now),
    findNamed: (kind, name) => findReasonNamed(db, kind, name),
    update: (id, change) => updateReason(db, id, change),
  }
}
