import type { Kysely } from 'kysely'
import { buyerTerms } from '../core/distribution/buyer-terms.js'
import { type ContractInfo, DEFAULT_AUTO_PAUSE_AFTER } from '../core/distribution/contract-terms.js'
import { agedTerms } from '../core/redistribution/aged-terms.js'
import { compiledOnce } from './compiled-once.js'
import type { Contract, Database } from './schema.js'

/** JSON text to a value; a broken setting reads as its empty default rather than failing a sale. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  try {
    const value = JSON.parse(text ?? '')
    return value === null || value === undefined ? fallback : (value as T)
  } catch {
    return fallback
  }
}

export function toContractInfo(
  row: Contract & {
    buyer_name: string
    buyer_status: string
    buyer_settings?: string
    /** The buyer's `buyer_credit` key when the query joined it: null without a credit line. */
    credit_line?: number | null
  },
): ContractInfo {
  const settings = parseJson<Record<string, any>>(row.settings_json, {})
  const buyer = buyerTerms(parseJson(row.buyer_settings, {}))
  return {
    id: row.id,
    buyerId: row.buyer_id,
    buyerName: row.buyer_name,
    buyerActive: row.buyer_status === 'active',
    leadTypeId: row.lead_type_id,
    name: row.name,
    status: row.status,
    priceCents: Number(row.price_cents),
    pricing: row.pricing === 'bid' ? 'bid' : 'fixed',
    exclusive: row.exclusive === 1,
    priority: row.priority,
    weight: row.weight,
    filters: parseJson(row.filters_json, []),
    caps: parseJson(row.caps_json, []),
    schedule: parseJson(row.schedule_json, {}),
    delivery: { kind: 'http', ...parseJson(row.delivery_json, {}) },
    autoPauseAfter: Number.isInteger(settings.autoPauseAfter)
      ? settings.autoPauseAfter
      : DEFAULT_AUTO_PAUSE_AFTER,
    consecutiveErrors: Number(row.consecutive_errors),
    acceptsTestLeads: settings.acceptsTestLeads === true,
    buyerCaps: buyer.caps,
    buyerTimeZone: buyer.timeZone,
    ...(row.credit_line === undefined ? {} : { buyerCreditLine: row.credit_line !== null }),
    aged: agedTerms(settings.aged),
  }
}

/**
 * A lead type's contracts with their buyers, ordered by id (ranking happens in the core), and
 * whether each buyer has a credit line (so a sale without caps can skip its reservation).
 */
export async function loadContracts(db: Kysely<Database>, leadTypeId: number): Promise<ContractInfo[]> {
  // Compiled once (src/storage/compiled-once.ts): every distribution and every ping runs it.
  const query = compiledOnce(
    db,
    'lead-type-contracts',
    1,
    (db, [id]) =>
      db
        .selectFrom('contracts')
        .innerJoin('buyers', 'buyers.id', 'contracts.buyer_id')
        .leftJoin('buyer_credit', 'buyer_credit.buyer_id', 'contracts.buyer_id')
        .selectAll('contracts')
        .select([
          'buyers.name as buyer_name',
          'buyers.status as buyer_status',
          'buyers.settings_json as buyer_settings',
          'buyer_credit.buyer_id as credit_line',
        ])
        .where('contracts.lead_type_id', '=', id!)
        .orderBy('contracts.id'),
    [leadTypeId],
  )
  return (await db.executeQuery(query)).rows.map(toContractInfo)
}
