import { adminSchema, ID, idParams, listOf, NULLABLE_TIME, TIME } from './common-schemas.js'
import { PERIOD } from './periods-routes.js'
import { STATEMENT } from './statements-routes.js'

const B = 'buyer portal'
const S = 'seller portal'

const PAGE_QUERY = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    before: ID,
  },
  additionalProperties: false,
} as const

const pageOf = (item: object) =>
  ({
    type: 'object',
    properties: { items: { type: 'array', items: item }, next_before: { type: ['integer', 'null'] } },
  }) as const

export const BOUGHT_LEAD = {
  type: 'object',
  properties: {
    sale_id: { type: 'integer' },
    lead_id: { type: 'integer' },
    event_id: { type: 'string' },
    sold_at: TIME,
    price_cents: { type: 'integer' },
    state: { type: 'string' },
    contract_id: { type: 'integer' },
    contract_name: { type: 'string' },
    buyer_lead_id: { type: ['string', 'null'] },
    converted_at: NULLABLE_TIME,
    return_status: { type: ['string', 'null'] },
    fields: { type: 'object', additionalProperties: true },
  },
} as const

const CONTRACT = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    status: { type: 'string' },
    price_cents: { type: 'integer' },
    lead_type: { type: 'string' },
  },
} as const

const FEEDBACK_ANSWER = {
  type: 'object',
  properties: {
    outcome: { type: 'string', enum: ['success', 'failure'] },
    status: { type: 'string' },
    reason: { type: 'string' },
  },
} as const

const STATEMENT_QUERY = {
  type: 'object',
  required: ['period'],
  properties: { period: PERIOD, format: { type: 'string', enum: ['json', 'csv', 'html'] } },
  additionalProperties: false,
} as const

const LEAD_PARAMS = idParams('leadId')

export const BUYER_LEADS = adminSchema(B, 'Leads you bought, newest first, with their fields', {
  querystring: PAGE_QUERY,
  response: { 200: pageOf(BOUGHT_LEAD) },
})
export const BUYER_EXPORT = adminSchema(B, 'Every lead you bought, as CSV', {
  response: { 200: { type: 'string', description: 'text/csv' } },
})
export const BUYER_LEAD = adminSchema(B, 'One lead you bought', {
  params: LEAD_PARAMS,
  response: { 200: BOUGHT_LEAD },
})
export const BUYER_RETURN = adminSchema(
  B,
  "Return a lead with a reason, inside the contract's return policy (the rules and answers of LeadConduit /feedback)",
  {
    params: LEAD_PARAMS,
    body: {
      type: 'object',
      required: ['reason'],
      properties: { reason: { type: 'string', maxLength: 500 } },
      additionalProperties: false,
    },
    response: { 200: FEEDBACK_ANSWER },
  },
)
export const BUYER_CONVERSION = adminSchema(B, 'Report that a lead you bought converted', {
  params: LEAD_PARAMS,
  body: {
    type: 'object',
    properties: { reason: { type: 'string', maxLength: 500 } },
    additionalProperties: false,
  },
  response: { 200: FEEDBACK_ANSWER },
})
export const BUYER_CONVERSIONS = adminSchema(B, 'Conversions you reported, newest first', {
  querystring: {
    type: 'object',
    properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
    additionalProperties: false,
  },
  response: {
    200: listOf({
      type: 'object',
      properties: {
        lead_id: { type: 'integer' },
        sale_id: { type: 'integer' },
        amount_cents: { type: ['integer', 'null'] },
        converted_at: TIME,
      },
    }),
  },
})
export const BUYER_STATEMENT = adminSchema(B, 'Your statement for one period: JSON, CSV or printable HTML', {
  querystring: STATEMENT_QUERY,
  response: { 200: STATEMENT },
})
export const BUYER_BALANCE = adminSchema(B, 'Your balance, credit limit and what is in flight', {
  response: {
    200: {
      type: 'object',
      properties: {
        buyer_id: { type: 'integer' },
        limit_cents: { type: ['integer', 'null'] },
        balance_cents: { type: 'integer' },
        reserved_cents: { type: 'integer' },
        available_cents: { type: ['integer', 'null'] },
      },
    },
  },
})
export const BUYER_CONTRACTS = adminSchema(B, 'Your contracts, and whether you may pause them here', {
  response: {
    200: {
      type: 'object',
      properties: { can_pause: { type: 'boolean' }, items: { type: 'array', items: CONTRACT } },
    },
  },
})
export const BUYER_SWITCH = (what: string) =>
  adminSchema(B, `${what} one of your contracts (where your operator allows it)`, {
    params: idParams('id'),
    response: { 200: CONTRACT },
  })

const POSTED_LEAD = {
  type: 'object',
  properties: {
    lead_id: { type: 'integer' },
    post_id: { type: 'string' },
    received_at: TIME,
    status: { type: 'string' },
    response_type: { type: ['string', 'null'] },
    rejection_reason: { type: ['string', 'null'] },
    earned_cents: { type: 'integer' },
    sales: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          buyer_id: { type: ['integer', 'null'] },
          buyer_name: { type: ['string', 'null'] },
          sold_at: TIME,
          returned: { type: 'boolean' },
        },
      },
    },
  },
} as const

export const SELLER_LEADS = adminSchema(S, 'Leads you posted, newest first, with outcome and reject reason', {
  querystring: PAGE_QUERY,
  response: { 200: pageOf(POSTED_LEAD) },
})
export const SELLER_RATES = adminSchema(S, 'Your acceptance and return rates over the last days', {
  querystring: {
    type: 'object',
    properties: { days: { type: 'integer', minimum: 1, maximum: 366, default: 30 } },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        days: { type: 'integer' },
        since: TIME,
        leads: { type: 'integer' },
        rejected: { type: 'integer' },
        sold: { type: 'integer' },
        sales: { type: 'integer' },
        returned: { type: 'integer' },
        acceptance_rate: { type: ['number', 'null'] },
        return_rate: { type: ['number', 'null'] },
      },
    },
  },
})
export const SELLER_STATEMENT = adminSchema(
  S,
  'Your payout statement for one period: JSON, CSV or printable HTML',
  {
    querystring: STATEMENT_QUERY,
    response: { 200: STATEMENT },
  },
)

const EXAMPLES = {
  type: 'object',
  properties: { form: { type: 'string' }, json: { type: 'string' }, xml: { type: 'string' } },
} as const

export const SELLER_INSTRUCTIONS = adminSchema(
  S,
  'How to post your leads: endpoint, your ids, fields with types and examples, runnable curl commands',
  {
    response: {
      200: {
        type: 'object',
        properties: {
          endpoint: {
            type: 'object',
            properties: { json_answer: { type: 'string' }, xml_answer: { type: 'string' } },
          },
          authentication: {
            type: 'object',
            properties: {
              vid: { type: 'integer' },
              password: { type: 'string' },
              token: { type: ['string', 'null'] },
              notes: { type: 'string' },
            },
          },
          campaigns: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                aid: { type: ['integer', 'null'] },
                campaign: { type: ['string', 'null'] },
                lid: { type: 'integer' },
                lead_type: { type: 'string' },
                fields: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      name: { type: 'string' },
                      type: { type: 'string' },
                      required: { type: 'boolean' },
                      example: { type: 'string' },
                      allowed: { type: 'array', items: { type: 'string' } },
                    },
                  },
                },
                examples: EXAMPLES,
              },
            },
          },
        },
      },
    },
  },
)
