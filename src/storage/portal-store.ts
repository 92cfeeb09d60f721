import { type Kysely, sql } from 'kysely'
import type { FieldSpec } from '../core/leads/field-spec.js'
import type { BoughtLead, PortalStore, PostedLead } from '../core/portal/portal-store.js'
import type { Database } from './schema.js'

function parse<T>(json: string | null | undefined, fallback: T): T {
  if (!json) return fallback
  try {
    return JSON.parse(json) as T
  } catch {
    return fallback
  }
}

/** A lead's stored fields (`{ raw, normal }` each) as the values a buyer reads: the normalized one. */
function plainFields(json: string): Record<string, unknown> {
  const stored = parse<Record<string, unknown>>(json, {})
  const out: Record<string, unknown> = {}
  for (const [name, v] of Object.entries(stored)) {
    out[name] =
      v !== null && typeof v === 'object' && 'normal' in v
        ? ((v as { normal: unknown }).normal ?? (v as { raw?: unknown }).raw)
        : v
  }
  return out
}

const bool = (v: unknown) => v === true || v === 1 || v === '1'

/**
 * The partner portals' reads (core/portal/portal-store.ts). Each query is filtered by the
 * partner's own id in SQL (`sales.buyer_id`, `leads.source_id`) and pages by id descending with a
 * `before` cursor, which stays correct while new rows arrive.
 */
export function createPortalStore(db: Kysely<Database>): PortalStore {
  const bought = (buyerId: number) =>
    db
      .selectFrom('sales as s')
      .innerJoin('leads as l', 'l.id', 's.lead_id')
      .innerJoin('contracts as c', 'c.id', 's.contract_id')
      .leftJoin('returns as r', 'r.sale_id', 's.id')
      .select([
        's.id as sale_id',
        's.lead_id',
        's.event_id',
        's.created_at as sold_at',
        's.price_cents',
        's.state',
        's.contract_id',
        'c.name as contract_name',
        's.buyer_lead_id',
        's.converted_at',
        'r.status as return_status',
        'l.fields_json',
      ])
      .where('s.buyer_id', '=', buyerId)
  const boughtOf = (
    row: Awaited<ReturnType<ReturnType<typeof bought>['executeTakeFirstOrThrow']>>,
  ): BoughtLead => ({
    sale_id: row.sale_id,
    lead_id: row.lead_id,
    event_id: row.event_id,
    sold_at: row.sold_at,
    price_cents: Number(row.price_cents),
    state: row.state,
    contract_id: row.contract_id,
    contract_name: row.contract_name,
    buyer_lead_id: row.buyer_lead_id,
    converted_at: row.converted_at,
    return_status: row.return_status ?? null,
    fields: plainFields(row.fields_json),
  })
  return {
    async boughtLeads(buyerId, limit, before) {
      let q = bought(buyerId)
      if (before !== null) q = q.where('s.id', '<', before)
      const rows = await q
        .orderBy('s.id', 'desc')
        .limit(limit + 1)
        .execute()
      const items = rows.slice(0, limit).map(boughtOf)
      return { items, next_before: rows.length > limit ? (items.at(-1)?.sale_id ?? null) : null }
    },
    async boughtLead(buyerId, leadId) {
      const row = await bought(buyerId)
        .where('s.lead_id', '=', leadId)
        .orderBy('s.id', 'desc')
        .executeTakeFirst()
      return row ? boughtOf(row) : undefined
    },
    async buyerFieldNames(buyerId) {
      const rows = await db
        .selectFrom('lead_types as t')
        .select('t.fields_json')
        .where(
          't.id',
          'in',
          db.selectFrom('contracts').select('lead_type_id').where('buyer_id', '=', buyerId),
        )
        .orderBy('t.id')
        .execute()
      const names = rows.flatMap((r) => parse<FieldSpec[]>(r.fields_json, []).map((f) => f.name))
      return [...new Set(names)]
    },
    async buyerContracts(buyerId) {
      const rows = await db
        .selectFrom('contracts as c')
        .innerJoin('lead_types as t', 't.id', 'c.lead_type_id')
        .select(['c.id', 'c.name', 'c.status', 'c.price_cents', 't.name as lead_type'])
        .where('c.buyer_id', '=', buyerId)
        .orderBy('c.id')
        .execute()
      return rows.map((r) => ({ ...r, price_cents: Number(r.price_cents) }))
    },
    async buyerCanPause(buyerId) {
      const row = await db
        .selectFrom('buyers')
        .select('settings_json')
        .where('id', '=', buyerId)
        .executeTakeFirst()
      return bool(parse<Record<string, unknown>>(row?.settings_json, {}).portalCanPause)
    },
    async conversions(buyerId, limit) {
      const rows = await db
        .selectFrom('conversions')
        .select(['lead_id', 'sale_id', 'amount_cents', 'created_at'])
        .where('buyer_id', '=', buyerId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((r) => ({
        lead_id: r.lead_id,
        sale_id: r.sale_id,
        amount_cents: r.amount_cents === null ? null : Number(r.amount_cents),
        converted_at: r.created_at,
      }))
    },
    async postedLeads(sourceId, limit, before) {
      let q = db
        .selectFrom('leads')
        .select(['id', 'post_id', 'received_at', 'status', 'response_type', 'rejection_reason', 'cost_cents'])
        .where('source_id', '=', sourceId)
      if (before !== null) q = q.where('id', '<', before)
      const rows = await q
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute()
      const page = rows.slice(0, limit)
      const ids = page.map((r) => r.id)
      const sales = ids.length
        ? await db
            .selectFrom('sales as s')
            .innerJoin('buyers as b', 'b.id', 's.buyer_id')
            .select(['s.lead_id', 's.buyer_id', 'b.name as buyer_name', 's.created_at', 's.state'])
            .where('s.lead_id', 'in', ids)
            .orderBy('s.id')
            .execute()
        : []
      const items: PostedLead[] = page.map((r) => ({
        lead_id: r.id,
        post_id: r.post_id,
        received_at: r.received_at,
        status: r.status,
        response_type: r.response_type,
        rejection_reason: r.rejection_reason,
        earned_cents: Number(r.cost_cents),
        sales: sales
          .filter((s) => s.lead_id === r.id)
          .map((s) => ({
            buyer_id: s.buyer_id,
            buyer_name: s.buyer_name,
            sold_at: s.created_at,
            returned: s.state === 'credited' || s.state === 'replaced' || s.state === 'returned',
          })),
      }))
      return { items, next_before: rows.length > limit ? (items.at(-1)?.lead_id ?? null) : null }
    },
    async sellerStats(sourceId, since) {
      const at = since.toISOString()
      const leads = await db
        .selectFrom('leads')
        .select([
          sql<number>`count(*)`.as('leads'),
          sql<number>`sum(case when status = 'rejected' then 1 else 0 end)`.as('rejected'),
          sql<number>`sum(case when price_cents > 0 or status = 'sold' then 1 else 0 end)`.as('sold'),
        ])
        .where('source_id', '=', sourceId)
        .where('received_at', '>=', at)
        .executeTakeFirst()
      const sales = await db
        .selectFrom('sales as s')
        .innerJoin('leads as l', 'l.id', 's.lead_id')
        .select([
          sql<number>`count(*)`.as('sales'),
          sql<number>`sum(case when s.state in ('credited', 'replaced', 'returned') then 1 else 0 end)`.as(
            'returned',
          ),
        ])
        .where('l.source_id', '=', sourceId)
        .where('l.received_at', '>=', at)
        .executeTakeFirst()
      return {
        since: at,
        leads: Number(leads?.leads ?? 0),
        rejected: Number(leads?.rejected ?? 0),
        sold: Number(leads?.sold ?? 0),
        sales: Number(sales?.sales ?? 0),
        returned: Number(sales?.returned ?? 0),
      }
    },
    async sellerSource(sourceId) {
      const s = await db
        .selectFrom('sources')
        .select(['id', 'vid', 'name', 'require_token', 'settings_json'])
        .where('id', '=', sourceId)
        .executeTakeFirst()
      if (!s) return undefined
      const settings = parse<Record<string, unknown>>(s.settings_json, {})
      const types = await db
        .selectFrom('lead_types')
        .select(['id', 'lid', 'name', 'fields_json', 'status'])
        .orderBy('lid')
        .execute()
      const typeOf = (id: number | null) => {
        const t = types.find((x) => x.id === id)
        return t ? { lid: t.lid, name: t.name, fields: parse<FieldSpec[]>(t.fields_json, []) } : null
      }
      const campaigns = await db
        .selectFrom('campaigns')
        .select(['aid', 'name', 'status', 'lead_type_id'])
        .where('source_id', '=', sourceId)
        .orderBy('aid')
        .execute()
      const allowed = Array.isArray(settings.allowedLeadTypes)
        ? (settings.allowedLeadTypes as number[])
        : null
      return {
        id: s.id,
        vid: s.vid,
        name: s.name,
        requireToken: bool(s.require_token),
        showBuyers: bool(settings.showBuyers),
        campaigns: campaigns.map((c) => ({
          aid: c.aid,
          name: c.name,
          status: c.status,
          lead_type: typeOf(c.lead_type_id),
        })),
        leadTypes: types
          .filter((t) => t.status === 'active' && (allowed === null || allowed.includes(t.lid)))
          .map((t) => typeOf(t.id)!),
      }
    },
  }
}
