import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.js'

export interface ReturnListFilter {
  status?: string
  buyerId?: number
  limit: number
  offset: number
}

/** A return with its sale and lead, as the native API shows it. */
function returnRows(db: Kysely<Database>) {
  return db
    .selectFrom('returns as r')
    .innerJoin('sales as s', 's.id', 'r.sale_id')
    .innerJoin('leads as l', 'l.id', 'r.lead_id')
    .select([
      'r.id',
      'r.status',
      'r.sale_id',
      'r.lead_id',
      'l.post_id',
      'r.buyer_id',
      'r.contract_id',
      's.price_cents',
      's.event_id as sale_event_id',
      'r.reason_id',
      'r.reason',
      'r.denied_reason_id',
      'r.channel',
      'r.event_id',
      'r.created_at',
      'r.decided_at',
    ])
}

/** The return queue (status pending) and decided returns, newest first. */
export async function listReturns(db: Kysely<Database>, filter: ReturnListFilter) {
  let query = returnRows(db)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
  if (filter.status) query = query.where('r.status', '=', filter.status)
  if (filter.buyerId !== undefined) query = query.where('r.buyer_id', '=', filter.buyerId)
  return query.execute()
}

export async function getReturn(db: Kysely<Database>, id: number) {
  return returnRows(db).where('r.id', '=', id).executeTakeFirst()
}

export interface ConversionReportRow {
  id: number | null
  name: string | null
  sales: number
  conversions: number
  returns: number
  conversion_rate: number
  revenue_cents: number
}

/**
 * Sales, conversions and approved returns per source or per buyer for sales made in [from, to).
 * One grouped scan over sales in the period (sales_buyer index covers the buyer case).
 */
export async function conversionReport(
  db: Kysely<Database>,
  by: 'source' | 'buyer',
  from: string,
  to: string,
): Promise<ConversionReportRow[]> {
  const base = db
    .selectFrom('sales as s')
    .innerJoin('leads as l', 'l.id', 's.lead_id')
    .leftJoin('returns as r', 'r.sale_id', 's.id')
    .where('s.created_at', '>=', from)
    .where('s.created_at', '<', to)
    .where('l.is_test', '=', 0)
  const counts = [
    sql<number>`count(*)`.as('sales'),
    sql<number>`count(s.converted_at)`.as('conversions'),
    sql<number>`sum(case when r.status in ('credited', 'replaced') then 1 else 0 end)`.as('returns'),
    // A credited sale was paid back (its ledger credit cancels it), so it earns nothing (issue 13).
    sql<number>`sum(case when s.state = 'credited' then 0 else s.price_cents end)`.as('revenue_cents'),
  ]
  const rows =
    by === 'source'
      ? await base
          .leftJoin('sources as o', 'o.id', 'l.source_id')
          .select(['l.source_id as id', 'o.name as name', ...counts])
          .groupBy(['l.source_id', 'o.name'])
          .orderBy('l.source_id')
          .execute()
      : await base
          .leftJoin('buyers as o', 'o.id', 's.buyer_id')
          .select(['s.buyer_id as id', 'o.name as name', ...counts])
          .groupBy(['s.buyer_id', 'o.name'])
          .orderBy('s.buyer_id')
          .execute()
  return rows.map((r) => {
    const sales = Number(r.sales)
    const conversions = Number(r.conversions)
    return {
      id: r.id,
      name: r.name,
      sales,
      conversions,
      returns: Number(r.returns ?? 0),
      conversion_rate: sales === 0 ? 0 : Math.round((conversions / sales) * 10_000) / 10_000,
      revenue_cents: Number(r.revenue_cents ?? 0),
    }
  })
}
