import {
  ANY_OBJECT,
  adminSchema,
  DELETED,
  ID,
  idParams,
  listOf,
  NAME,
  OBJECT_LIST,
  TIME,
} from './common-schemas.js'

const BUYER_PROPS = {
  name: NAME,
  status: { type: 'string', enum: ['active', 'disabled'] },
  settings: ANY_OBJECT,
} as const

const BUYER = {
  type: 'object',
  properties: {
    id: ID,
    name: { type: 'string' },
    status: { type: 'string' },
    settings: ANY_OBJECT,
    created_at: TIME,
    updated_at: TIME,
  },
} as const

const btag = 'buyers'

export const LIST_BUYERS = adminSchema(btag, 'List buyers', { response: { 200: listOf(BUYER) } })
export const GET_BUYER = adminSchema(btag, 'Get a buyer (id = LeadExec ClientUID)', {
  params: idParams('id'),
  response: { 200: BUYER },
})
export const CREATE_BUYER = adminSchema(btag, 'Create a buyer', {
  body: { type: 'object', required: ['name'], properties: BUYER_PROPS, additionalProperties: false },
  response: { 201: BUYER },
})
export const UPDATE_BUYER = adminSchema(btag, 'Update a buyer', {
  params: idParams('id'),
  body: { type: 'object', properties: BUYER_PROPS, additionalProperties: false },
  response: { 200: BUYER },
})
export const DELETE_BUYER = adminSchema(
  btag,
  'Delete a buyer that never bought, with its contracts and credentials',
  {
    params: idParams('id'),
    response: { 204: DELETED },
  },
)

const CONTRACT_PROPS = {
  name: NAME,
  lid: ID,
  status: { type: 'string', enum: ['active', 'paused', 'off'] },
  price_cents: { type: 'integer', minimum: 0 },
  pricing: { type: 'string', enum: ['fixed', 'bid'] },
  exclusive: { type: 'boolean' },
  priority: { type: 'integer', minimum: 0 },
  weight: { type: 'integer', minimum: 0 },
  filters: OBJECT_LIST,
  caps: OBJECT_LIST,
  schedule: ANY_OBJECT,
  delivery: ANY_OBJECT,
  return_policy: ANY_OBJECT,
  settings: ANY_OBJECT,
} as const

const CONTRACT = {
  type: 'object',
  properties: {
    id: ID,
    buyer_id: ID,
    buyer_name: { type: 'string' },
    lead_type_id: ID,
    lid: ID,
    name: { type: 'string' },
    status: { type: 'string' },
    price_cents: { type: 'integer' },
    price: { type: 'number' },
    pricing: { type: 'string' },
    exclusive: { type: 'boolean' },
    priority: { type: 'integer' },
    weight: { type: 'integer' },
    filters: OBJECT_LIST,
    caps: OBJECT_LIST,
    schedule: ANY_OBJECT,
    delivery: ANY_OBJECT,
    return_policy: ANY_OBJECT,
    settings: ANY_OBJECT,
    consecutive_errors: { type: 'integer' },
    created_at: TIME,
    updated_at: TIME,
  },
} as const

const ctag = 'contracts'

export const LIST_CONTRACTS = adminSchema(ctag, 'List contracts, optionally of one buyer', {
  querystring: { type: 'object', properties: { buyer_id: ID }, additionalProperties: false },
  response: { 200: listOf(CONTRACT) },
})
export const LIST_BUYER_CONTRACTS = adminSchema(ctag, "List a buyer's contracts", {
  params: idParams('id'),
  response: { 200: listOf(CONTRACT) },
})
export const GET_CONTRACT = adminSchema(ctag, 'Get a contract (id = CAKE buyer_contract_id)', {
  params: idParams('id'),
  response: { 200: CONTRACT },
})
export const CREATE_CONTRACT = adminSchema(ctag, 'Create a contract for a buyer', {
  params: idParams('id'),
  body: {
    type: 'object',
    required: ['name', 'lid'],
    properties: CONTRACT_PROPS,
    additionalProperties: false,
  },
  response: { 201: CONTRACT },
})
export const UPDATE_CONTRACT = adminSchema(
  ctag,
  'Update a contract (the keys sent replace the stored ones)',
  {
    params: idParams('id'),
    body: { type: 'object', properties: CONTRACT_PROPS, additionalProperties: false },
    response: { 200: CONTRACT },
  },
)
export const DELETE_CONTRACT = adminSchema(
  ctag,
  'Delete a contract that never sold; otherwise set status off',
  {
    params: idParams('id'),
    response: { 204: DELETED },
  },
)

const HEADERS = { type: 'object', additionalProperties: { type: 'string' } } as const

export const TEST_DELIVERY = adminSchema(
  ctag,
  'Send a test lead to a contract or an unsaved draft of one: the exact request, the answer and the parsed outcome; records nothing',
  {
    body: {
      type: 'object',
      required: ['lead'],
      additionalProperties: false,
      properties: {
        contract_id: ID,
        contract: {
          ...ANY_OBJECT,
          description:
            'A contract draft (keys of POST /buyers/:id/contracts); "********" keeps a stored secret',
        },
        lead: {
          type: 'object',
          required: ['fields'],
          additionalProperties: false,
          properties: {
            fields: {
              type: 'object',
              maxProperties: 200,
              additionalProperties: { type: 'string', maxLength: 10_000 },
            },
          },
        },
      },
    },
    response: {
      200: {
        type: 'object',
        additionalProperties: false,
        properties: {
          request: {
            type: ['object', 'null'],
            additionalProperties: false,
            properties: {
              method: { type: 'string' },
              url: { type: 'string' },
              headers: HEADERS,
              body: { type: ['string', 'null'] },
            },
          },
          response: {
            type: ['object', 'null'],
            additionalProperties: false,
            properties: { status: { type: 'integer' }, headers: HEADERS, body: { type: 'string' } },
          },
          outcome: {
            type: 'object',
            additionalProperties: false,
            properties: {
              outcome: { type: 'string', enum: ['accepted', 'rejected', 'error'] },
              reason: { type: 'string' },
              status: { type: ['integer', 'null'] },
              duration_ms: { type: 'integer' },
              price_cents: { type: ['integer', 'null'] },
              buyer_lead_id: { type: 'string' },
              redirect_url: { type: 'string' },
            },
          },
          lead: {
            type: 'object',
            additionalProperties: false,
            properties: {
              problems: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    field: { type: 'string' },
                    message: { type: 'string' },
                    kind: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
)
