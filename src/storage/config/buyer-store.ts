import type { Kysely } from 'kysely'
import { canonicalJson } from '../../core/config/canonical-json.js'
import type { BuyerRecord } from '../../core/config/config-records.js'
import type { BuyerStore } from '../../core/config/config-stores.js'
import type { BuyerSpec } from '../../core/config/validate-buyer.js'
import type { Buyer, Database } from '../schema.js'
import { auditedConfig } from './audited-config.js'
import { conflictAs, differs, inUse, parseJson, type Saved } from './save-outcome.js'

export type { BuyerRecord }

function toRecord(row: Buyer): BuyerRecord {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    settings: parseJson(row.settings_json, {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export async function listBuyers(db: Kysely<Database>): Promise<BuyerRecord[]> {
  return (await db.selectFrom('buyers').selectAll().orderBy('id').execute()).map(toRecord)
}

export async function findBuyer(db: Kysely<Database>, id: number): Promise<BuyerRecord | undefined> {
  const row = await db.selectFrom('buyers').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toRecord(row)
}

export async function findBuyerByName(db: Kysely<Database>, name: string): Promise<BuyerRecord | undefined> {
  const row = await db.selectFrom('buyers').selectAll().where('name', '=', name).executeTakeFirst()
  return row && toRecord(row)
}

/**
 * Creates the buyer (when `id` is undefined) or updates buyer `id`. leadflow.yaml finds the id
 * by name first, the API by path; the unique name index turns a clash into 409.
 */
export async function saveBuyer(
  db: Kysely<Database>,
  id: number | undefined,
  spec: BuyerSpec,
  now: Date,
): Promise<Saved<BuyerRecord>> {
  const at = now.toISOString()
  const columns = { name: spec.name, status: spec.status, settings_json: canonicalJson(spec.settings) }
  const stored =
    id === undefined
      ? undefined
      : await db.selectFrom('buyers').selectAll().where('id', '=', id).executeTakeFirst()
  return conflictAs(`A buyer named "${spec.name}" already exists`, async () => {
    if (!stored) {
      const row = await db
        .insertInto('buyers')
        .values({ ...columns, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow()
      return { outcome: 'created', record: toRecord(row) }
    }
    if (!differs(stored, columns)) return { outcome: 'unchanged', record: toRecord(stored) }
    const row = await db
      .updateTable('buyers')
      .set({ ...columns, updated_at: at })
      .where('id', '=', stored.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    return { outcome: 'updated', record: toRecord(row) }
  })
}

/** Deletes the buyer, its contracts and credentials; refused once it bought a lead. In a transaction. */
export async function deleteBuyer(db: Kysely<Database>, id: number): Promise<boolean> {
  const buyer = await db.selectFrom('buyers').select('id').where('id', '=', id).executeTakeFirst()
  if (!buyer) return false
  const sale = await db
    .selectFrom('sales')
    .select('id')
    .where('buyer_id', '=', id)
    .limit(1)
    .executeTakeFirst()
  if (sale) throw inUse(`Buyer ${id}`, 'its sales')
  await db.deleteFrom('credentials').where('owner_kind', '=', 'buyer').where('owner_id', '=', id).execute()
  await db.deleteFrom('contracts').where('buyer_id', '=', id).execute()
  await db.deleteFrom('buyers').where('id', '=', id).execute()
  return true
}

/**
 * The BuyerStore port (core/config/config-stores.ts) over one database. `create` never looks
 * for a same-named buyer first: the unique index on name refuses it, racing creates included.
 */
export function createBuyerStore(db: Kysely<Database>): BuyerStore {
  const audited = auditedConfig(db, 'buyer', (r: BuyerRecord) => r.id, findBuyer)
  return {
    list: () => listBuyers(db),
    find: (id) => findBuyer(db, id),
    create: async (spec, now, change) =>
      (await audited.save(change, now, undefined, (trx) => saveBuyer(trx, undefined, spec, now))).record,
    update: (id, spec, now, change) => audited.save(change, now, id, (trx) => saveBuyer(trx, id, spec, now)),
    remove: (id, change, now) => audited.remove(change, now, id, (trx) => deleteBuyer(trx, id)),
  }
}
