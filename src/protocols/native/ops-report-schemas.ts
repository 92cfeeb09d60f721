import { ID } from './common-schemas.js'
import { FORMAT } from './report-schemas.js'

/** Response and query schemas of the operating reports (docs/reports.md, "Operating reports"). */
const INT = { type: 'integer' } as const
const INT_OR_NULL = { type: ['integer', 'null'] } as const
const STRING = { type: 'string' } as const
const STRING_OR_NULL = { type: ['string', 'null'] } as const

export const CAP_PACING_ROW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    subject_kind: { type: 'string', enum: ['contract', 'buyer', 'source', 'source_posts'] },
    subject_id: INT,
    subject_name: STRING,
    buyer_id: INT_OR_NULL,
    period: { type: 'string', enum: ['hour', 'day', 'week', 'month'] },
    time_zone: STRING,
    window: STRING,
    window_start: STRING,
    window_end: STRING,
    count_used: INT,
    count_cap: INT_OR_NULL,
    spend_used_cents: INT,
    spend_cap_cents: INT_OR_NULL,
    percent_used: { type: 'number' },
  },
} as const

export const CAP_PACING_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { at: STRING, rows: { type: 'array', items: CAP_PACING_ROW } },
} as const

export const BID_ROW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    buyer_id: INT,
    buyer_name: STRING_OR_NULL,
    pings: INT,
    bids: INT,
    no_bids: INT,
    errors: INT,
    timeouts: INT,
    wins: INT,
    win_rate: { type: 'number' },
    average_bid_cents: INT_OR_NULL,
    best_bid_cents: INT_OR_NULL,
  },
} as const

export const DELIVERY_HEALTH_ROW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    contract_id: INT,
    contract_name: STRING_OR_NULL,
    buyer_id: INT_OR_NULL,
    attempts: INT,
    accepted: INT,
    rejected: INT,
    errors: INT,
    errors_timeout: INT,
    errors_connection: INT,
    errors_http_4xx: INT,
    errors_http_5xx: INT,
    errors_parse: INT,
    errors_other: INT,
    latency_p50_ms: INT_OR_NULL,
    latency_p95_ms: INT_OR_NULL,
    latency_p99_ms: INT_OR_NULL,
  },
} as const

export const BID_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { from: STRING, to: STRING, rows: { type: 'array', items: BID_ROW } },
} as const

export const DELIVERY_HEALTH_BODY = {
  type: 'object',
  additionalProperties: false,
  properties: { from: STRING, to: STRING, rows: { type: 'array', items: DELIVERY_HEALTH_ROW } },
} as const

export const CAP_PACING_COLUMNS = Object.keys(CAP_PACING_ROW.properties)
export const BID_COLUMNS = Object.keys(BID_ROW.properties)
export const DELIVERY_HEALTH_COLUMNS = Object.keys(DELIVERY_HEALTH_ROW.properties)

const RANGE = {
  from: { type: 'string', description: 'ISO time, or a date (UTC midnight); default 24 hours before to' },
  to: {
    type: 'string',
    description: 'ISO time or a date, exclusive; default now; at most 31 days after from',
  },
} as const

export const CAP_PACING_QUERY = {
  type: 'object',
  properties: { format: FORMAT },
  additionalProperties: false,
} as const

export const BID_QUERY = {
  type: 'object',
  properties: { ...RANGE, buyer_id: ID, format: FORMAT },
  additionalProperties: false,
} as const

export const DELIVERY_HEALTH_QUERY = {
  type: 'object',
  properties: { ...RANGE, contract_id: ID, format: FORMAT },
  additionalProperties: false,
} as const
