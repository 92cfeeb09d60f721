import {
  ANY_OBJECT,
  adminSchema,
  DELETED,
  ID,
  idParams,
  listOf,
  NAME,
  NULLABLE_ID,
  TIME,
} from './common-schemas.js'

const STATUS = { type: 'string', enum: ['active', 'disabled'] } as const

const SOURCE_PROPS = {
  vid: ID,
  name: NAME,
  status: STATUS,
  password: {
    type: ['string', 'null'],
    maxLength: 200,
    description: 'Stored as a scrypt hash, never returned',
  },
  require_token: { type: 'boolean' },
  settings: {
    type: 'object',
    additionalProperties: true,
    properties: {
      test: {
        type: 'boolean',
        description: 'Every lead of this source is a test lead (docs/distribution.md, "Test leads")',
      },
    },
  },
} as const

const SOURCE = {
  type: 'object',
  properties: {
    id: ID,
    vid: ID,
    name: { type: 'string' },
    status: { type: 'string' },
    has_password: { type: 'boolean' },
    require_token: { type: 'boolean' },
    settings: ANY_OBJECT,
    created_at: TIME,
    updated_at: TIME,
  },
} as const

const { vid: _vid, ...SOURCE_PATCH_PROPS } = SOURCE_PROPS
const tag = 'sources'

export const LIST_SOURCES = adminSchema(tag, 'List sources', { response: { 200: listOf(SOURCE) } })
export const GET_SOURCE = adminSchema(tag, 'Get a source by vid', {
  params: idParams('vid'),
  response: { 200: SOURCE },
})
export const CREATE_SOURCE = adminSchema(tag, 'Create a source', {
  body: { type: 'object', required: ['vid', 'name'], properties: SOURCE_PROPS, additionalProperties: false },
  response: { 201: SOURCE },
})
export const UPDATE_SOURCE = adminSchema(tag, 'Update a source (the keys sent replace the stored ones)', {
  params: idParams('vid'),
  body: { type: 'object', properties: SOURCE_PATCH_PROPS, additionalProperties: false },
  response: { 200: SOURCE },
})
export const DELETE_SOURCE = adminSchema(
  tag,
  'Delete a source without leads, its campaigns and credentials',
  {
    params: idParams('vid'),
    response: { 204: DELETED },
  },
)

const CAMPAIGN_PROPS = {
  aid: ID,
  vid: ID,
  name: NAME,
  lid: { type: ['integer', 'null'], minimum: 1 },
  status: STATUS,
  settings: ANY_OBJECT,
} as const

const CAMPAIGN = {
  type: 'object',
  properties: {
    id: ID,
    aid: ID,
    vid: ID,
    source_id: ID,
    name: { type: 'string' },
    lid: NULLABLE_ID,
    lead_type_id: NULLABLE_ID,
    status: { type: 'string' },
    settings: ANY_OBJECT,
    created_at: TIME,
    updated_at: TIME,
  },
} as const

const { aid: _aid, ...CAMPAIGN_PATCH_PROPS } = CAMPAIGN_PROPS
const ctag = 'campaigns'

export const LIST_CAMPAIGNS = adminSchema(ctag, 'List campaigns, optionally of one source', {
  querystring: { type: 'object', properties: { vid: ID }, additionalProperties: false },
  response: { 200: listOf(CAMPAIGN) },
})
export const GET_CAMPAIGN = adminSchema(ctag, 'Get a campaign by aid', {
  params: idParams('aid'),
  response: { 200: CAMPAIGN },
})
export const CREATE_CAMPAIGN = adminSchema(
  ctag,
  'Create a campaign for a source (vid), optionally bound to a lead type (lid)',
  {
    body: {
      type: 'object',
      required: ['aid', 'vid', 'name'],
      properties: CAMPAIGN_PROPS,
      additionalProperties: false,
    },
    response: { 201: CAMPAIGN },
  },
)
export const UPDATE_CAMPAIGN = adminSchema(ctag, 'Update a campaign', {
  params: idParams('aid'),
  body: { type: 'object', properties: CAMPAIGN_PATCH_PROPS, additionalProperties: false },
  response: { 200: CAMPAIGN },
})
export const DELETE_CAMPAIGN = adminSchema(ctag, 'Delete a campaign without leads', {
  params: idParams('aid'),
  response: { 204: DELETED },
})
