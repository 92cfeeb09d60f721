import { ANY_OBJECT, adminSchema, ID, idParams, NULLABLE_ID, NULLABLE_TIME, TIME } from './common-schemas.js'

const NULLABLE_TEXT = { type: ['string', 'null'] } as const
const ANY = {} as const
const NULLABLE_OBJECT = { type: ['object', 'null'], additionalProperties: true } as const

const SUMMARY_PROPS = {
  id: ID,
  post_id: { type: 'string' },
  status: { type: 'string' },
  response_type: NULLABLE_TEXT,
  mode: { type: 'string' },
  reference: NULLABLE_TEXT,
  source_id: NULLABLE_ID,
  campaign_id: NULLABLE_ID,
  lead_type_id: NULLABLE_ID,
  price_cents: { type: 'integer' },
  price: { type: 'number' },
  cost_cents: { type: 'integer' },
  cost: { type: 'number' },
  is_test: { type: 'boolean' },
  received_at: TIME,
  processed_at: NULLABLE_TIME,
} as const

const SUMMARY = {
  type: 'object',
  properties: { ...SUMMARY_PROPS, vid: NULLABLE_ID, aid: NULLABLE_ID, lid: NULLABLE_ID },
} as const

// Events, sales, returns and conversions are rows other domains add columns to; they are
// passed through whole rather than pinned here.
const DETAIL = {
  type: 'object',
  properties: {
    ...SUMMARY_PROPS,
    source: NULLABLE_OBJECT,
    campaign: NULLABLE_OBJECT,
    lead_type: NULLABLE_OBJECT,
    rejection_reason: NULLABLE_TEXT,
    fields: ANY,
    raw: ANY,
    consent: ANY,
    outcome: ANY,
    no_sell: { type: 'boolean' },
    pending_qc: { type: 'boolean' },
    qc_reviewed_at: NULLABLE_TIME,
    qc_rejected: { type: 'boolean' },
    qc_reason: NULLABLE_TEXT,
    return_url: NULLABLE_TEXT,
    redirect_url: NULLABLE_TEXT,
    send_after: NULLABLE_TIME,
    order_id: NULLABLE_TEXT,
    ip: NULLABLE_TEXT,
    events: { type: 'array', items: ANY_OBJECT },
    sales: { type: 'array', items: ANY_OBJECT },
    returns: { type: 'array', items: ANY_OBJECT },
    conversions: { type: 'array', items: ANY_OBJECT },
    /** One result per compliance check (docs/compliance.md). */
    compliance: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          check: { type: 'string' },
          outcome: { type: 'string' },
          reason: NULLABLE_TEXT,
          data: ANY,
          checked_at: { type: 'string' },
        },
      },
    },
    /** The re-distribution counter, null before the first re-offer. */
    redistribution: {
      type: ['object', 'null'],
      properties: {
        attempts: { type: 'integer' },
        last_offered_at: { type: 'string' },
        last_outcome: NULLABLE_TEXT,
      },
    },
  },
} as const

const tag = 'leads'

/** Searching the lead list (docs/api.md, "Leads"): the list and the CSV export take the same. */
export const LEAD_SEARCH = {
  q: {
    type: 'string',
    maxLength: 320,
    description: 'an email, phone, PostID, reference or lead id: leads matching any reading of it',
  },
  email: {
    type: 'string',
    maxLength: 320,
    description: 'leads carrying this email (normalized as intake does)',
  },
  phone: {
    type: 'string',
    maxLength: 40,
    description: 'leads carrying this phone (normalized to E.164, US default)',
  },
  post_id: { type: 'string', maxLength: 64 },
  reference: { type: 'string', maxLength: 200 },
  buyer_id: { ...ID, description: 'leads sold to this buyer' },
  contract_id: { ...ID, description: 'leads sold through this contract' },
} as const

export const LIST_LEADS = adminSchema(tag, 'List leads, newest first, filtered and paginated by cursor', {
  querystring: {
    type: 'object',
    properties: {
      from: { type: 'string', maxLength: 40, description: 'received at or after (ISO-8601 time or date)' },
      to: { type: 'string', maxLength: 40, description: 'received before (ISO-8601 time or date)' },
      vid: ID,
      lid: ID,
      status: { type: 'string', maxLength: 50 },
      ...LEAD_SEARCH,
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
      cursor: { type: 'string', maxLength: 200, description: 'next_cursor of the previous page' },
    },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        items: { type: 'array', items: SUMMARY },
        total: { type: 'integer', description: 'Leads matching the filter, over all pages' },
        next_cursor: { ...NULLABLE_TEXT, description: 'Pass as cursor for the next page; null on the last' },
      },
    },
  },
})

export const GET_LEAD = adminSchema(
  tag,
  'A lead with its events, sales (with the event id each buyer got), returns and conversions',
  {
    params: idParams('id'),
    response: { 200: DETAIL },
  },
)
