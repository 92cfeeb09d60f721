import { ROLES } from '../../core/accounts/roles.js'
import { adminSchema, ID, idParams, listOf, NULLABLE_ID, NULLABLE_TIME, TIME } from './common-schemas.js'

const USER = {
  type: 'object',
  properties: {
    id: ID,
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', description: `one of ${ROLES.join(', ')}` },
    buyer_id: NULLABLE_ID,
    source_id: NULLABLE_ID,
    totp_enabled: { type: 'boolean' },
    status: { type: 'string' },
    has_password: { type: 'boolean' },
    last_sign_in_at: NULLABLE_TIME,
    created_at: TIME,
    updated_at: TIME,
  },
} as const

const ME = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['user', 'key'] },
    id: ID,
    label: { type: 'string' },
    role: { type: ['string', 'null'] },
    permissions: { type: 'array', items: { type: 'string' } },
    buyer_id: NULLABLE_ID,
    source_id: NULLABLE_ID,
    user: USER,
  },
} as const

const LINK = {
  type: 'object',
  properties: {
    user: USER,
    url: { type: 'string', description: 'The one-time link; shown in this response only' },
    emailed: { type: 'boolean' },
  },
} as const

const SESSION = {
  type: 'object',
  properties: {
    user: USER,
    csrf_token: { type: 'string', description: 'Send it as X-CSRF-Token on every state-changing request' },
    expires_at: TIME,
  },
} as const

const tag = 'accounts'
const password = { type: 'string', minLength: 1, maxLength: 200 } as const
const code = { type: 'string', pattern: '^[0-9]{6}$' } as const

export const SIGN_IN = adminSchema(tag, 'Sign in: sets the session cookie (and CSRF cookie)', {
  security: [],
  body: {
    type: 'object',
    required: ['email', 'password'],
    additionalProperties: false,
    properties: {
      email: { type: 'string', maxLength: 254 },
      password,
      totp: { type: 'string', maxLength: 10 },
    },
  },
  response: { 200: SESSION },
})
export const SIGN_OUT = adminSchema(tag, 'Sign out: ends the session', {
  response: { 204: { type: 'null' } },
})
export const GET_ME = adminSchema(tag, 'Who am I: the signed-in user or the key, and its permissions', {
  response: { 200: ME },
})
export const SET_PASSWORD = adminSchema(tag, 'Set a password from an invitation or reset link', {
  security: [],
  body: {
    type: 'object',
    required: ['token', 'password'],
    additionalProperties: false,
    properties: { token: { type: 'string', minLength: 1, maxLength: 200 }, password },
  },
  response: { 200: USER },
})
export const BEGIN_TOTP = adminSchema(tag, 'Start two-factor set-up: a secret to scan', {
  response: { 200: { type: 'object', properties: { secret: { type: 'string' }, uri: { type: 'string' } } } },
})
export const CONFIRM_TOTP = adminSchema(tag, 'Turn two-factor sign-in on with a code from the new secret', {
  body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code } },
  response: { 200: USER },
})
export const DISABLE_TOTP = adminSchema(tag, 'Turn two-factor sign-in off (needs a current code)', {
  body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code } },
  response: { 200: USER },
})

export const LIST_USERS = adminSchema(tag, 'List users', { response: { 200: listOf(USER) } })
export const GET_USER = adminSchema(tag, 'Get a user', { params: idParams('id'), response: { 200: USER } })
export const INVITE_USER = adminSchema(
  tag,
  'Invite a user: returns the one-time link (and emails it when SMTP is set)',
  {
    body: {
      type: 'object',
      required: ['email', 'role'],
      additionalProperties: false,
      properties: {
        email: { type: 'string', maxLength: 254 },
        name: { type: 'string', maxLength: 200 },
        role: { type: 'string', enum: ROLES },
        buyer_id: NULLABLE_ID,
        source_id: NULLABLE_ID,
      },
    },
    response: { 201: LINK },
  },
)
export const UPDATE_USER = adminSchema(tag, 'Change a user: name, role, status, partner ids', {
  params: idParams('id'),
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', maxLength: 200 },
      role: { type: 'string', enum: ROLES },
      status: { type: 'string', enum: ['active', 'disabled'] },
      buyer_id: NULLABLE_ID,
      source_id: NULLABLE_ID,
    },
  },
  response: { 200: USER },
})
export const RESET_USER = adminSchema(tag, 'A one-time password reset link for a user', {
  params: idParams('id'),
  response: { 200: LINK },
})

const AUDIT_ENTRY = {
  type: 'object',
  properties: {
    id: ID,
    at: TIME,
    actor_kind: { type: 'string' },
    actor_id: NULLABLE_ID,
    actor_label: { type: 'string' },
    action: { type: 'string' },
    resource: { type: 'string' },
    resource_id: { type: ['string', 'null'] },
    before: {},
    after: {},
    ip: { type: ['string', 'null'] },
  },
} as const

export const LIST_AUDIT = adminSchema('audit', 'The audit log, newest first', {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      actor_kind: { type: 'string', enum: ['user', 'key', 'system'] },
      actor_id: ID,
      action: { type: 'string', maxLength: 100 },
      resource: { type: 'string', maxLength: 100 },
      resource_id: { type: 'string', maxLength: 100 },
      from: { type: 'string', format: 'date-time' },
      to: { type: 'string', format: 'date-time' },
      limit: { type: 'integer', minimum: 1, maximum: 500 },
      cursor: { type: 'string', pattern: '^[0-9]{1,12}$' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: { items: { type: 'array', items: AUDIT_ENTRY }, next_cursor: { type: ['string', 'null'] } },
    },
  },
})
