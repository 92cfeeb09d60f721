import type { Kysely } from 'kysely'
import type { ReturnStatus, SaleContext } from '../core/feedback/feedback-store.js'
import { parseReturnPolicy } from '../core/feedback/return-policy.js'
import type { Database } from './schema.js'

/** One query reads a sale with its lead, contract policy, source settings and return (if any). */
export function saleContextQuery(db: Kysely<Database>) {
  return db
    .selectFrom('sales as s')
    .innerJoin('leads as l', 'l.id', 's.lead_id')
    .innerJoin('contracts as c', 'c.id', 's.contract_id')
    .innerJoin('lead_types as lt', 'lt.id', 'c.lead_type_id')
    .leftJoin('sources as src', 'src.id', 'l.source_id')
    .leftJoin('returns as r', 'r.sale_id', 's.id')
    .select([
      's.id as sale_id',
      's.lead_id',
      'l.post_id',
      'l.reference',
      's.contract_id',
      's.buyer_id',
      'l.source_id',
      'c.lead_type_id',
      'lt.vertical_id',
      's.event_id',
      's.price_cents',
      'l.cost_cents',
      's.state',
      's.created_at',
      's.converted_at',
      'c.return_policy_json',
      'src.settings_json as source_settings_json',
      'r.id as return_id',
      'r.status as return_status',
      'r.reason as return_reason',
    ])
}

type SaleRow = Awaited<ReturnType<ReturnType<typeof saleContextQuery>['executeTakeFirstOrThrow']>>

export function toSaleContext(row: SaleRow): SaleContext {
  const settings = parseObject(row.source_settings_json)
  return {
    saleId: row.sale_id,
    leadId: row.lead_id,
    postId: row.post_id,
    reference: row.reference,
    contractId: row.contract_id,
    buyerId: row.buyer_id,
    sourceId: row.source_id,
    leadTypeId: row.lead_type_id,
    verticalId: row.vertical_id,
    eventId: row.event_id,
    priceCents: Number(row.price_cents),
    leadCostCents: Number(row.cost_cents),
    saleState: row.state,
    soldAt: row.created_at,
    convertedAt: row.converted_at,
    policy: parseReturnPolicy(row.return_policy_json),
    source: {
      postbackUrl:
        typeof settings.postbackUrl === 'string' && settings.postbackUrl ? settings.postbackUrl : null,
      chargebackReturns: settings.chargebackReturns === true,
    },
    existingReturn:
      row.return_id === null
        ? null
        : { id: row.return_id, status: row.return_status as ReturnStatus, reason: row.return_reason },
  }
}

function parseObject(json: string | null): Record<string, unknown> {
  try {
    const value = JSON.parse(json || '{}')
    return value && typeof value === 'object' ? value : {}
  } catch {
    return {}
  }
}
