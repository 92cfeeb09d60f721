import type { Kysely } from 'kysely'
import { canonicalJson } from '../../core/config/canonical-json.js'
import type { ContractRecord } from '../../core/config/config-records.js'
import type { ContractStore } from '../../core/config/config-stores.js'
import type { ContractSpec } from '../../core/config/validate-buyer.js'
import { maskDelivery } from '../../core/delivery/delivery-secrets.js'
import { sealDelivery } from '../contract-secrets.js'
import type { Database } from '../schema.js'
import type { Sealer } from '../secret-seal.js'
import { auditedConfig } from './audited-config.js'
import { conflictAs, differs, inUse, parseJson, type Saved, unknownReference } from './save-outcome.js'

export type { ContractRecord }

function selectContracts(db: Kysely<Database>) {
  return db
    .selectFrom('contracts as c')
    .innerJoin('buyers as b', 'b.id', 'c.buyer_id')
    .innerJoin('lead_types as t', 't.id', 'c.lead_type_id')
    .selectAll('c')
    .select(['b.name as buyer_name', 't.lid as lid'])
}

type Row = Awaited<ReturnType<ReturnType<typeof selectContracts>['executeTakeFirstOrThrow']>>

function toRecord(row: Row): ContractRecord {
  return {
    id: row.id,
    buyer_id: row.buyer_id,
    buyer_name: row.buyer_name,
    lead_type_id: row.lead_type_id,
    lid: row.lid,
    name: row.name,
    status: row.status,
    price_cents: Number(row.price_cents),
    price: Number(row.price_cents) / 100,
    pricing: row.pricing,
    exclusive: row.exclusive === 1,
    priority: row.priority,
    weight: row.weight,
    filters: parseJson(row.filters_json, []),
    caps: parseJson(row.caps_json, []),
    schedule: parseJson(row.schedule_json, {}),
    // Write-only: credentials are sealed at rest and never answered (docs/security.md).
    delivery: maskDelivery(parseJson(row.delivery_json, {})),
    return_policy: parseJson(row.return_policy_json, {}),
    settings: parseJson(row.settings_json, {}),
    consecutive_errors: row.consecutive_errors,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export async function listContracts(db: Kysely<Database>, buyerId?: number): Promise<ContractRecord[]> {
  let query = selectContracts(db).orderBy('c.id')
  if (buyerId !== undefined) query = query.where('c.buyer_id', '=', buyerId)
  return (await query.execute()).map(toRecord)
}

export async function findContract(db: Kysely<Database>, id: number): Promise<ContractRecord | undefined> {
  const row = await selectContracts(db).where('c.id', '=', id).executeTakeFirst()
  return row && toRecord(row)
}

export async function findContractByName(db: Kysely<Database>, buyerId: number, name: string) {
  const row = await selectContracts(db)
    .where('c.buyer_id', '=', buyerId)
    .where('c.name', '=', name)
    .executeTakeFirst()
  return row && toRecord(row)
}

/** Creates (id undefined) or updates contract `id` of buyer `buyerId`. */
export async function saveContract(
  db: Kysely<Database>,
  buyerId: number,
  id: number | undefined,
  spec: ContractSpec,
  now: Date,
  sealer: Sealer,
): Promise<Saved<ContractRecord>> {
  const at = now.toISOString()
  const type = await db.selectFrom('lead_types').select('id').where('lid', '=', spec.lid).executeTakeFirst()
  if (!type) throw unknownReference('lid', `no lead type with lid ${spec.lid}`)
  const stored =
    id === undefined
      ? undefined
      : await db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst()
  const columns = {
    lead_type_id: type.id,
    name: spec.name,
    status: spec.status,
    price_cents: spec.price_cents,
    pricing: spec.pricing,
    exclusive: spec.exclusive ? 1 : 0,
    priority: spec.priority,
    weight: spec.weight,
    filters_json: canonicalJson(spec.filters),
    caps_json: canonicalJson(spec.caps),
    schedule_json: canonicalJson(spec.schedule),
    delivery_json: canonicalJson(
      sealDelivery(spec.delivery, parseJson(stored?.delivery_json ?? null, {}), sealer),
    ),
    return_policy_json: canonicalJson(spec.return_policy),
    settings_json: canonicalJson(spec.settings),
  }
  const saved = await conflictAs(`Buyer ${buyerId} already has a contract named "${spec.name}"`, async () => {
    if (!stored) {
      const row = await db
        .insertInto('contracts')
        .values({ buyer_id: buyerId, ...columns, consecutive_errors: 0, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow()
      return { outcome: 'created' as const, id: row.id }
    }
    // price_cents is bigint on PostgreSQL; compare as numbers.
    if (!differs({ ...stored, price_cents: Number(stored.price_cents) }, columns)) {
      return { outcome: 'unchanged' as const, id: stored.id }
    }
    await db
      .updateTable('contracts')
      .set({ ...columns, updated_at: at })
      .where('id', '=', stored.id)
      .execute()
    return { outcome: 'updated' as const, id: stored.id }
  })
  return { outcome: saved.outcome, record: (await findContract(db, saved.id))! }
}

/** Refused once the contract sold a lead (sales, returns and the ledger point at it). */
export async function deleteContract(db: Kysely<Database>, id: number): Promise<boolean> {
  const contract = await db.selectFrom('contracts').select('id').where('id', '=', id).executeTakeFirst()
  if (!contract) return false
  const sale = await db
    .selectFrom('sales')
    .select('id')
    .where('contract_id', '=', id)
    .limit(1)
    .executeTakeFirst()
  if (sale) throw inUse(`Contract ${id}`, 'its sales')
  await db.deleteFrom('contracts').where('id', '=', id).execute()
  return true
}

/**
 * The ContractStore port (core/config/config-stores.ts) over one database. `create` never looks
 * for a same-named contract first: the unique (buyer_id, name) index refuses it, races included.
 */
export function createContractStore(db: Kysely<Database>, sealer: Sealer): ContractStore {
  const audited = auditedConfig(db, 'contract', (r: ContractRecord) => r.id, findContract)
  return {
    list: (buyerId) => listContracts(db, buyerId),
    find: (id) => findContract(db, id),
    create: async (buyerId, spec, now, change) =>
      (
        await audited.save(change, now, undefined, (trx) =>
          saveContract(trx, buyerId, undefined, spec, now, sealer),
        )
      ).record,
    update: (buyerId, id, spec, now, change) =>
      audited.save(change, now, id, (trx) => saveContract(trx, buyerId, id, spec, now, sealer)),
    remove: (id, change, now) => audited.remove(change, now, id, (trx) => deleteContract(trx, id)),
  }
}
