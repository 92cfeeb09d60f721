import type { Kysely } from 'kysely'
import { canonicalJson } from '../../core/config/canonical-json.js'
import type { SourceRecord } from '../../core/config/config-records.js'
import type { SourceStore } from '../../core/config/config-stores.js'
import type { SourceSpec } from '../../core/config/validate-source.js'
import { hashPassword, verifyPassword } from '../../core/secrets.js'
import type { Database, Source } from '../schema.js'
import { auditedConfig } from './audited-config.js'
import { conflictAs, differs, inUse, parseJson, type Saved } from './save-outcome.js'

export type { SourceRecord }

function toRecord(row: Source): SourceRecord {
  return {
    id: row.id,
    vid: row.vid,
    name: row.name,
    status: row.status,
    has_password: row.password_hash !== null,
    require_token: row.require_token === 1,
    settings: parseJson(row.settings_json, {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export async function listSources(db: Kysely<Database>): Promise<SourceRecord[]> {
  const rows = await db.selectFrom('sources').selectAll().orderBy('vid').execute()
  return rows.map(toRecord)
}

export async function findSource(db: Kysely<Database>, vid: number): Promise<SourceRecord | undefined> {
  const row = await db.selectFrom('sources').selectAll().where('vid', '=', vid).executeTakeFirst()
  return row && toRecord(row)
}

/** The stored password hash must change only when the password itself does (scrypt salts differ). */
async function passwordChange(
  spec: SourceSpec,
  stored: string | null,
): Promise<{ password_hash?: string | null }> {
  if (spec.password === undefined) return {}
  if (spec.password === null) return stored === null ? {} : { password_hash: null }
  if (stored !== null && (await verifyPassword(spec.password, stored))) return {}
  return { password_hash: await hashPassword(spec.password) }
}

function sourceColumns(spec: SourceSpec) {
  return {
    name: spec.name,
    status: spec.status,
    require_token: spec.require_token ? 1 : 0,
    settings_json: canonicalJson(spec.settings),
  }
}

/**
 * Inserts a new source. No check-then-insert: the unique index on vid refuses a taken vid, also
 * when two creates race, and that refusal is 409 LF_CONFLICT.
 */
export async function insertSource(db: Kysely<Database>, spec: SourceSpec, now: Date): Promise<SourceRecord> {
  const at = now.toISOString()
  const password_hash = typeof spec.password === 'string' ? await hashPassword(spec.password) : null
  const row = await conflictAs(`A source with vid ${spec.vid} already exists`, () =>
    db
      .insertInto('sources')
      .values({ vid: spec.vid, ...sourceColumns(spec), password_hash, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow(),
  )
  return toRecord(row)
}

/** Creates or updates the source with `spec.vid`; idempotent (leadflow apply, PUT/PATCH). */
export async function saveSource(
  db: Kysely<Database>,
  spec: SourceSpec,
  now: Date,
): Promise<Saved<SourceRecord>> {
  const at = now.toISOString()
  const columns = sourceColumns(spec)
  const stored = await db.selectFrom('sources').selectAll().where('vid', '=', spec.vid).executeTakeFirst()
  if (!stored) return { outcome: 'created', record: await insertSource(db, spec, now) }
  return conflictAs(`A source with vid ${spec.vid} already exists`, async () => {
    const change = { ...columns, ...(await passwordChange(spec, stored.password_hash)) }
    if (!differs(stored, change)) return { outcome: 'unchanged', record: toRecord(stored) }
    const row = await db
      .updateTable('sources')
      .set({ ...change, updated_at: at })
      .where('id', '=', stored.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    return { outcome: 'updated', record: toRecord(row) }
  })
}

/**
 * Deletes a source, its campaigns (foreign key cascade) and its credentials. A source that has
 * leads is refused: leads keep pointing at their source for reports and returns. Run it inside
 * a transaction so the check and the delete see the same rows.
 */
export async function deleteSource(db: Kysely<Database>, vid: number): Promise<boolean> {
  const source = await db.selectFrom('sources').select('id').where('vid', '=', vid).executeTakeFirst()
  if (!source) return false
  const lead = await db
    .selectFrom('leads')
    .select('id')
    .where('source_id', '=', source.id)
    .limit(1)
    .executeTakeFirst()
  if (lead) throw inUse(`Source ${vid}`, 'its leads')
  await db
    .deleteFrom('credentials')
    .where('owner_kind', '=', 'source')
    .where('owner_id', '=', source.id)
    .execute()
  await db.deleteFrom('campaigns').where('source_id', '=', source.id).execute()
  await db.deleteFrom('sources').where('id', '=', source.id).execute()
  return true
}

/** The SourceStore port (core/config/config-stores.ts) over one database. */
export function createSourceStore(db: Kysely<Database>): SourceStore {
  const audited = auditedConfig(db, 'source', (r: SourceRecord) => r.vid, findSource)
  return {
    list: () => listSources(db),
    find: (vid) => findSource(db, vid),
    create: (spec, now, change) => audited.create(change, now, (trx) => insertSource(trx, spec, now)),
    save: (spec, now, change) => audited.save(change, now, spec.vid, (trx) => saveSource(trx, spec, now)),
    remove: (vid, change, now) => audited.remove(change, now, vid, (trx) => deleteSource(trx, vid)),
  }
}
