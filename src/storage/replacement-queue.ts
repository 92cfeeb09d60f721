import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

export interface ReplacementView {
  id: number
  buyer_id: number
  buyer_name: string | null
  contract_id: number
  contract_name: string | null
  lead_type_id: number
  /** The returned lead the buyer is owed a replacement for. */
  original_sale_id: number
  original_lead_id: number | null
  fulfilled_sale_id: number | null
  fulfilled_lead_id: number | null
  created_at: string
  fulfilled_at: string | null
}

/**
 * Replacements approved on returns, newest first: `owed` (not yet fulfilled — distribution gives
 * the next eligible lead of the type to the contract at price 0, docs/returns.md) or `fulfilled`.
 * The table holds one row per replacement return, a few per buyer a day: a plain ordered read.
 */
export async function listReplacements(
  db: Kysely<Database>,
  filter: { state?: 'owed' | 'fulfilled'; limit: number },
): Promise<ReplacementView[]> {
  let query = db
    .selectFrom('replacements as p')
    .leftJoin('buyers as b', 'b.id', 'p.buyer_id')
    .leftJoin('contracts as c', 'c.id', 'p.contract_id')
    .leftJoin('sales as o', 'o.id', 'p.original_sale_id')
    .leftJoin('sales as f', 'f.id', 'p.fulfilled_sale_id')
    .select([
      'p.id',
      'p.buyer_id',
      'b.name as buyer_name',
      'p.contract_id',
      'c.name as contract_name',
      'p.lead_type_id',
      'p.original_sale_id',
      'o.lead_id as original_lead_id',
      'p.fulfilled_sale_id',
      'f.lead_id as fulfilled_lead_id',
      'p.created_at',
      'p.fulfilled_at',
    ])
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(filter.limit)
  if (filter.state === 'owed') query = query.where('p.fulfilled_sale_id', 'is', null)
  if (filter.state === 'fulfilled') query = query.where('p.fulfilled_sale_id', 'is not', null)
  return (await query.execute()).map((r) => ({
    ...r,
    buyer_name: r.buyer_name ?? null,
    contract_name: r.contract_name ?? null,
    original_lead_id: r.original_lead_id ?? null,
    fulfilled_lead_id: r.fulfilled_lead_id ?? null,
  }))
}
