import type { Kysely } from 'kysely'
import { canonicalJson } from '../../core/config/canonical-json.js'
import type { LeadTypeRecord } from '../../core/config/config-records.js'
import type { LeadTypeStore } from '../../core/config/config-stores.js'
import type { LeadTypeSpec } from '../../core/config/validate-lead-type.js'
import type { Database, LeadType } from '../schema.js'
import { auditedConfig } from './audited-config.js'
import { conflictAs, differs, inUse, parseJson, type Saved } from './save-outcome.js'

export type { LeadTypeRecord }

function toRecord(row: LeadType): LeadTypeRecord {
  return {
    id: row.id,
    lid: row.lid,
    vertical_id: row.vertical_id,
    name: row.name,
    status: row.status,
    fields: parseJson(row.fields_json, []),
    duplicate_rules: parseJson(row.duplicate_rules_json, []),
    settings: parseJson(row.settings_json, {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export async function listLeadTypes(db: Kysely<Database>): Promise<LeadTypeRecord[]> {
  return (await db.selectFrom('lead_types').selectAll().orderBy('lid').execute()).map(toRecord)
}

export async function findLeadType(db: Kysely<Database>, lid: number): Promise<LeadTypeRecord | undefined> {
  const row = await db.selectFrom('lead_types').selectAll().where('lid', '=', lid).executeTakeFirst()
  return row && toRecord(row)
}

function leadTypeColumns(spec: LeadTypeSpec) {
  return {
    vertical_id: spec.vertical_id,
    name: spec.name,
    status: spec.status,
    // Field order is meaningful (forms, exports), so fields keep their order; keys inside are sorted.
    fields_json: canonicalJson(spec.fields),
    duplicate_rules_json: canonicalJson(spec.duplicate_rules),
    settings_json: canonicalJson(spec.settings),
  }
}

/** Inserts a new lead type; the unique index on lid turns a taken (or racing) lid into 409. */
export async function insertLeadType(
  db: Kysely<Database>,
  spec: LeadTypeSpec,
  now: Date,
): Promise<LeadTypeRecord> {
  const at = now.toISOString()
  const row = await conflictAs(`A lead type with lid ${spec.lid} already exists`, () =>
    db
      .insertInto('lead_types')
      .values({ lid: spec.lid, ...leadTypeColumns(spec), created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow(),
  )
  return toRecord(row)
}

export async function saveLeadType(
  db: Kysely<Database>,
  spec: LeadTypeSpec,
  now: Date,
): Promise<Saved<LeadTypeRecord>> {
  const at = now.toISOString()
  const columns = leadTypeColumns(spec)
  const stored = await db.selectFrom('lead_types').selectAll().where('lid', '=', spec.lid).executeTakeFirst()
  if (!stored) return { outcome: 'created', record: await insertLeadType(db, spec, now) }
  return conflictAs(`A lead type with lid ${spec.lid} already exists`, async () => {
    if (!differs(stored, columns)) return { outcome: 'unchanged', record: toRecord(stored) }
    const row = await db
      .updateTable('lead_types')
      .set({ ...columns, updated_at: at })
      .where('id', '=', stored.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    return { outcome: 'updated', record: toRecord(row) }
  })
}

/** Refused while leads, campaigns or contracts refer to the lead type; run inside a transaction. */
export async function deleteLeadType(db: Kysely<Database>, lid: number): Promise<boolean> {
  const type = await db.selectFrom('lead_types').select('id').where('lid', '=', lid).executeTakeFirst()
  if (!type) return false
  for (const table of ['leads', 'campaigns', 'contracts'] as const) {
    const user = await db
      .selectFrom(table)
      .select('id')
      .where('lead_type_id', '=', type.id)
      .limit(1)
      .executeTakeFirst()
    if (user) throw inUse(`Lead type ${lid}`, table)
  }
  await db.deleteFrom('lead_types').where('id', '=', type.id).execute()
  return true
}

/** The LeadTypeStore port (core/config/config-stores.ts) over one database. */
export function createLeadTypeStore(db: Kysely<Database>): LeadTypeStore {
  const audited = auditedConfig(db, 'lead_type', (r: LeadTypeRecord) => r.lid, findLeadType)
  return {
    list: () => listLeadTypes(db),
    find: (lid) => findLeadType(db, lid),
    create: (spec, now, change) => audited.create(change, now, (trx) => insertLeadType(trx, spec, now)),
    save: (spec, now, change) => audited.save(change, now, spec.lid, (trx) => saveLeadType(trx, spec, now)),
    remove: (lid, change, now) => audited.remove(change, now, lid, (trx) => deleteLeadType(trx, lid)),
  }
}
