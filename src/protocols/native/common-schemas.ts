import { MAX_ID } from '../../core/config/check.js'
import { ADMIN_SECURITY } from './admin-key.js'

/**
 * JSON schemas shared by the native routes. They are constants, compiled once at start
 * (DESIGN.md, Performance), and @fastify/swagger turns them into the OpenAPI served at /docs.
 * Bodies are checked for shape here; the meaning (field types, references, ranges) is checked
 * by core/config, the same code that checks leadflow.yaml.
 */
export const ERROR_BODY = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
} as const

export const ANY_OBJECT = { type: 'object', additionalProperties: true } as const
export const OBJECT_LIST = { type: 'array', items: ANY_OBJECT } as const
export const ID = { type: 'integer', minimum: 1, maximum: MAX_ID } as const
export const NAME = { type: 'string', minLength: 1, maxLength: 200 } as const
export const TIME = { type: 'string' } as const
export const NULLABLE_TIME = { type: ['string', 'null'] } as const
export const NULLABLE_ID = { type: ['integer', 'null'] } as const

/** `{ <name>: integer id }` path parameters; generic so the route's params type keeps the key. */
export function idParams<N extends string>(name: N) {
  return {
    type: 'object',
    required: [name] as readonly [N],
    properties: { [name]: ID } as { readonly [K in N]: typeof ID },
    additionalProperties: false,
  } as const
}

const ERRORS = {
  400: ERROR_BODY,
  401: ERROR_BODY,
  404: ERROR_BODY,
  409: ERROR_BODY,
  413: ERROR_BODY,
  415: ERROR_BODY,
}

export const DELETED = { type: 'null', description: 'Deleted' } as const

/**
 * A route schema with its tag, the admin security requirement and the error responses. `const S`
 * keeps the literal types of the schema written inline, so routes get their types from it.
 */
export function adminSchema<const S extends { response?: Record<number, unknown> }>(
  tag: string,
  summary: string,
  schema: S,
) {
  return {
    tags: [tag],
    summary,
    security: ADMIN_SECURITY,
    ...schema,
    response: { ...ERRORS, ...schema.response },
  }
}

/** `{ items: [...] }`: lists are wrapped so fields (pagination, totals) can be added later. */
export function listOf(item: object) {
  return { type: 'object', properties: { items: { type: 'array', items: item } } } as const
}

/**
 * One send of a distribution to a buyer, as the distribution and re-distribution answers list it.
 * additionalProperties false only types the answer (a response schema drops unlisted keys anyway).
 */
export const SALE_SEND = {
  type: 'object',
  additionalProperties: false,
  properties: {
    buyerId: { type: 'integer' },
    buyerName: { type: 'string' },
    contractId: { type: 'integer' },
    eventId: { type: 'string' },
    valid: { type: 'boolean' },
    priceCents: { type: 'integer' },
    redirectUrl: { type: 'string' },
    agentName: { type: 'string' },
    agentPhone: { type: 'string' },
    reason: { type: 'string' },
  },
} as const
