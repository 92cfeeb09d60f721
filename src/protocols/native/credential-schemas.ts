import { CREDENTIAL_KINDS, OWNER_KINDS } from '../../core/config/validate-credential.js'
import {
  adminSchema,
  DELETED,
  ID,
  idParams,
  listOf,
  NULLABLE_ID,
  NULLABLE_TIME,
  TIME,
} from './common-schemas.js'

const CREDENTIAL_PROPS = {
  id: ID,
  owner_kind: { type: 'string' },
  owner_id: NULLABLE_ID,
  kind: { type: 'string' },
  label: { type: 'string' },
  prefix: { type: 'string', description: 'First characters of the secret, to tell keys apart' },
  permissions: {
    type: 'array',
    items: { type: 'string' },
    description: 'What an admin key may do (docs/accounts.md); `*` is every permission',
  },
  allowed_cidrs: {
    type: 'array',
    items: { type: 'string' },
    description: 'Where the key may be used from; empty: anywhere',
  },
  expires_at: NULLABLE_TIME,
  revoked_at: NULLABLE_TIME,
  rotated_to: { ...NULLABLE_ID, description: 'The credential that replaced this one by rotation' },
  last_used_at: NULLABLE_TIME,
  created_at: TIME,
  active: { type: 'boolean' },
} as const

const CREDENTIAL = { type: 'object', properties: CREDENTIAL_PROPS } as const
const ISSUED = {
  type: 'object',
  properties: {
    ...CREDENTIAL_PROPS,
    secret: { type: 'string', description: 'Shown in this response only; leadflow keeps a hash' },
  },
} as const

const tag = 'credentials'

export const LIST_CREDENTIALS = adminSchema(tag, 'List credentials (never their secrets)', {
  querystring: {
    type: 'object',
    properties: { owner_kind: { type: 'string', enum: OWNER_KINDS }, owner_id: ID },
    additionalProperties: false,
  },
  response: { 200: listOf(CREDENTIAL) },
})
export const GET_CREDENTIAL = adminSchema(tag, 'Get a credential', {
  params: idParams('id'),
  response: { 200: CREDENTIAL },
})
export const CREATE_CREDENTIAL = adminSchema(tag, 'Issue a credential; the secret is returned once', {
  body: {
    type: 'object',
    required: ['owner_kind'],
    properties: {
      owner_kind: { type: 'string', enum: OWNER_KINDS },
      owner_id: { type: ['integer', 'null'], minimum: 1 },
      kind: { type: 'string', enum: CREDENTIAL_KINDS },
      label: { type: 'string', maxLength: 200 },
      secret: { type: 'string', minLength: 8, maxLength: 200 },
      expires_at: { type: ['string', 'null'], description: 'ISO-8601 time' },
      permissions: { type: 'array', items: { type: 'string' }, maxItems: 100 },
      scopes: {
        type: 'array',
        items: { type: 'string' },
        maxItems: 100,
        description: 'Old name of permissions',
      },
      allowed_cidrs: { type: 'array', items: { type: 'string' }, maxItems: 100 },
    },
    additionalProperties: false,
  },
  response: { 201: ISSUED },
})
export const ROTATE_CREDENTIAL = adminSchema(
  tag,
  'Rotate: a new secret, returned once; the old one works for grace_hours',
  {
    params: idParams('id'),
    body: {
      type: ['object', 'null'],
      properties: { grace_hours: { type: 'integer', minimum: 0, maximum: 720, description: 'Default 24' } },
      additionalProperties: false,
    },
    response: { 201: ISSUED },
  },
)
export const REVOKE_CREDENTIAL = adminSchema(tag, 'Revoke a credential (idempotent)', {
  params: idParams('id'),
  response: { 204: DELETED },
})
