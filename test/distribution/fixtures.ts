import { randomUUID } from 'node:crypto'
import type { TestHandle as Leadflow } from '../helpers/test-app.js'

/** Turns the demo world's sandbox contracts off so a test sees only the buyers it creates. */
export async function onlyTestBuyers(lf: Leadflow): Promise<void> {
  await lf.db.updateTable('contracts').set({ status: 'off' }).execute()
}

export async function demoIds(lf: Leadflow) {
  const leadType = await lf.db
    .selectFrom('lead_types')
    .select('id')
    .where('lid', '=', 1)
    .executeTakeFirstOrThrow()
  const source = await lf.db.selectFrom('sources').select('id').where('vid', '=', 1).executeTakeFirstOrThrow()
  return { leadTypeId: leadType.id, sourceId: source.id }
}

export async function setLeadTypeSettings(lf: Leadflow, settings: Record<string, unknown>): Promise<void> {
  await lf.db
    .updateTable('lead_types')
    .set({ settings_json: JSON.stringify(settings) })
    .where('lid', '=', 1)
    .execute()
}

export async function setSourceSettings(lf: Leadflow, settings: Record<string, unknown>): Promise<void> {
  await lf.db
    .updateTable('sources')
    .set({ settings_json: JSON.stringify(settings) })
    .where('vid', '=', 1)
    .execute()
}

export interface ContractSpec {
  buyer: string
  priceCents?: number
  pricing?: 'fixed' | 'bid'
  exclusive?: boolean
  priority?: number
  weight?: number
  filters?: unknown[]
  caps?: unknown[]
  schedule?: Record<string, unknown>
  delivery: Record<string, unknown>
  settings?: Record<string, unknown>
  /** Another contract of this existing buyer instead of a new buyer named `buyer`. */
  buyerId?: number
}

/** A buyer with one active contract on the demo lead type. */
export async function addContract(
  lf: Leadflow,
  spec: ContractSpec,
): Promise<{ buyerId: number; contractId: number }> {
  const at = lf.clock.now().toISOString()
  const { leadTypeId } = await demoIds(lf)
  const buyer =
    spec.buyerId !== undefined
      ? { id: spec.buyerId }
      : await lf.db
          .insertInto('buyers')
          .values({ name: spec.buyer, status: 'active', settings_json: '{}', created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
  const contract = await lf.db
    .insertInto('contracts')
    .values({
      buyer_id: buyer.id,
      lead_type_id: leadTypeId,
      name: `${spec.buyer} contract`,
      status: 'active',
      price_cents: spec.priceCents ?? 1000,
      pricing: spec.pricing ?? 'fixed',
      exclusive: spec.exclusive ? 1 : 0,
      priority: spec.priority ?? 100,
      weight: spec.weight ?? 1,
      filters_json: JSON.stringify(spec.filters ?? []),
      caps_json: JSON.stringify(spec.caps ?? []),
      schedule_json: JSON.stringify(spec.schedule ?? {}),
      delivery_json: JSON.stringify({ kind: 'http', method: 'POST', format: 'json', ...spec.delivery }),
      return_policy_json: '{}',
      settings_json: JSON.stringify(spec.settings ?? {}),
      consecutive_errors: 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { buyerId: buyer.id, contractId: contract.id }
}

const DEFAULT_FIELDS = {
  FirstName: 'Ada',
  LastName: 'Lovelace',
  Email: 'ada@example.com',
  Phone: '+13105550100',
  Zip: '90210',
  State: 'CA',
}

export async function setBuyerSettings(lf: Leadflow, buyerId: number, settings: Record<string, unknown>) {
  await lf.db
    .updateTable('buyers')
    .set({ settings_json: JSON.stringify(settings) })
    .where('id', '=', buyerId)
    .execute()
}

/** An accepted lead as intake stores it (fields as `{ raw, normal, valid }`). */
export async function insertLead(
  lf: Leadflow,
  fields: Record<string, string> = {},
  extra: { status?: string; pendingQc?: boolean; isTest?: boolean } = {},
): Promise<number> {
  const { leadTypeId, sourceId } = await demoIds(lf)
  const all = { ...DEFAULT_FIELDS, ...fields }
  const stored = Object.fromEntries(
    Object.entries(all).map(([k, v]) => [k, { raw: v, normal: v, valid: true, components: {} }]),
  )
  const row = await lf.db
    .insertInto('leads')
    .values({
      post_id: randomUUID(),
      source_id: sourceId,
      campaign_id: null,
      lead_type_id: leadTypeId,
      status: extra.status ?? 'accepted',
      mode: 'general',
      raw_json: JSON.stringify(all),
      fields_json: JSON.stringify(stored),
      price_cents: 0,
      cost_cents: 0,
      no_sell: 0,
      pending_qc: extra.pendingQc ? 1 : 0,
      qc_rejected: 0,
      is_test: extra.isTest ? 1 : 0,
      received_at: lf.clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Accepts with a JSON answer `{status, price?, reason?}` as most tests' buyers do. */
export const JSON_RULES = {
  outcomeAt: 'json:status',
  accepted: 'accepted',
  rejected: 'rejected',
  reason: 'json:reason',
  price: 'json:price',
  redirectUrl: 'json:redirect_url',
  buyerLeadId: 'json:id',
}
