import { BUCKETS } from '../../core/reports/report-query.js'
import { ANY_OBJECT, ID } from './common-schemas.js'

const INT = { type: 'integer' } as const
const COUNT_NAMES = [
  'posted',
  'accepted',
  'rejected',
  'duplicates',
  'held_qc',
  'sold',
  'unsold',
  'sends',
  'replacements',
  'revenue_cents',
  'source_cost_cents',
  'margin_cents',
  'returns_requested',
  'returns_credited',
  'returns_replaced',
  'returns_rejected',
  'credits_cents',
  'chargebacks_cents',
  'buyer_adjustments_cents',
  'source_adjustments_cents',
  'conversions',
  'conversion_value_cents',
  'net_revenue_cents',
  'net_margin_cents',
] as const

/** Every measure (docs/reports.md defines each); money in integer cents. */
export const MEASURE_PROPERTIES = {
  ...(Object.fromEntries(COUNT_NAMES.map((n) => [n, INT])) as {
    [K in (typeof COUNT_NAMES)[number]]: typeof INT
  }),
  return_rate: { type: 'number' },
  rejected_by_reason: { type: 'object', additionalProperties: INT },
} as const

export const REPORT_COLUMNS = ['bucket', 'bucket_start', ...COUNT_NAMES, 'return_rate', 'rejected_by_reason']

export const FORMAT = { type: 'string', enum: ['json', 'csv'] } as const

export const REPORT_QUERY = {
  type: 'object',
  properties: {
    from: {
      type: 'string',
      description: 'ISO time, or a date (midnight in time_zone); default 30 days before to',
    },
    to: { type: 'string', description: 'ISO time or a date, exclusive; default now' },
    time_zone: { type: 'string', default: 'UTC', maxLength: 64 },
    bucket: { type: 'string', enum: [...BUCKETS], default: 'day' },
    group_by: {
      type: 'string',
      maxLength: 200,
      description: 'comma-separated: source, campaign, lead_type, buyer, contract, reason, state',
    },
    include_test: { type: 'boolean', default: false },
    source_id: ID,
    campaign_id: ID,
    lead_type_id: ID,
    buyer_id: ID,
    contract_id: ID,
    format: FORMAT,
  },
  additionalProperties: false,
} as const

export const REPORT_BODY = {
  type: 'object',
  properties: {
    from: { type: 'string' },
    to: { type: 'string' },
    time_zone: { type: 'string' },
    bucket: { type: 'string' },
    group_by: { type: 'array', items: { type: 'string' } },
    include_test: { type: 'boolean' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: true,
        properties: { bucket: { type: 'string' }, bucket_start: { type: 'string' }, ...MEASURE_PROPERTIES },
      },
    },
    totals: { type: 'object', properties: MEASURE_PROPERTIES },
  },
} as const

export const LEDGER_ENTRY = {
  type: 'object',
  properties: {
    id: INT,
    account_kind: { type: 'string' },
    account_id: INT,
    lead_id: { type: ['integer', 'null'] },
    sale_id: { type: ['integer', 'null'] },
    entry: { type: 'string' },
    amount_cents: INT,
    memo: { type: ['string', 'null'] },
    created_at: { type: 'string' },
    booked_on: { type: ['string', 'null'], description: 'accounting date (YYYY-MM-DD)' },
  },
} as const

export const LEDGER_COLUMNS = Object.keys(LEDGER_ENTRY.properties)

export const BALANCE = {
  type: 'object',
  properties: {
    account_kind: { type: 'string' },
    account_id: INT,
    balance_cents: INT,
    by_entry: { type: 'object', additionalProperties: INT },
  },
} as const

export { ANY_OBJECT }
