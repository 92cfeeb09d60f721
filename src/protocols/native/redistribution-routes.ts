import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type AuditContext, auditContextOf } from '../../core/accounts/caller.js'
import type { Redistribution } from '../../core/redistribution/redistribution.js'
import { OFFER_STATUSES } from '../../core/redistribution/redistribution-rule.js'
import { acceptJsonOnly } from '../../http/json-depth.js'
import { needs } from '../../http/route-permission.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { adminSchema, idParams, listOf, NAME, SALE_SEND } from './common-schemas.js'

export interface RedistributionRoutesOptions {
  redistribution: Redistribution
}

const TAG = 'redistribution'
const STATUSES = { type: 'array', items: { type: 'string', enum: [...OFFER_STATUSES] }, minItems: 1 } as const
const NULLABLE_ID = { type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647 } as const

const RULE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    active: { type: 'boolean' },
    lid: { type: ['integer', 'null'] },
    vid: { type: ['integer', 'null'] },
    statuses: { type: 'array', items: { type: 'string' } },
    after_minutes: { type: 'integer' },
    max_attempts: { type: 'integer' },
    max_consent_age_days: { type: ['integer', 'null'] },
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
  },
} as const

const RULE_FIELDS = {
  name: NAME,
  active: { type: 'boolean' },
  lid: NULLABLE_ID,
  vid: NULLABLE_ID,
  statuses: STATUSES,
  after_minutes: { type: 'integer', minimum: 0 },
  max_attempts: { type: 'integer', minimum: 1 },
  max_consent_age_days: { type: ['integer', 'null'], minimum: 1 },
} as const

const OFFER = {
  type: 'object',
  additionalProperties: false,
  properties: {
    lead_id: { type: 'integer' },
    offered: { type: 'boolean' },
    attempt: { type: ['integer', 'null'] },
    sold: { type: 'boolean' },
    price_cents: { type: 'integer' },
    reason: { type: ['string', 'null'] },
    sends: { type: 'array', items: SALE_SEND },
  },
} as const

const LIST = adminSchema(TAG, 'Re-distribution rules', { response: { 200: listOf(RULE) } })
const GET = adminSchema(TAG, 'One re-distribution rule', { params: idParams('id'), response: { 200: RULE } })
const CREATE = adminSchema(TAG, 'Add a re-distribution rule', {
  body: {
    type: 'object',
    required: ['name', 'after_minutes', 'max_attempts'],
    properties: RULE_FIELDS,
    additionalProperties: false,
  },
  response: { 201: RULE },
})
const UPDATE = adminSchema(TAG, 'Change a re-distribution rule', {
  params: idParams('id'),
  body: { type: 'object', properties: RULE_FIELDS, additionalProperties: false },
  response: { 200: RULE },
})
const DELETE = adminSchema(TAG, 'Delete a re-distribution rule', {
  params: idParams('id'),
  response: { 204: { type: 'null' } },
})
const OFFER_ONE = adminSchema(TAG, 'Offer one unsold or returned lead again to aged-lead contracts, now', {
  params: idParams('id'),
  response: { 200: OFFER },
})
const OFFER_MANY = adminSchema(
  TAG,
  'Queue a re-distribution of every lead a filter selects (one job per lead)',
  {
    body: {
      type: 'object',
      properties: {
        statuses: STATUSES,
        lid: NULLABLE_ID,
        vid: NULLABLE_ID,
        received_from: { type: ['string', 'null'], maxLength: 40 },
        received_to: { type: ['string', 'null'], maxLength: 40 },
        limit: { type: 'integer', minimum: 1, maximum: 10_000 },
      },
      additionalProperties: false,
    },
    response: {
      202: { type: 'object', properties: { matched: { type: 'integer' }, queued: { type: 'integer' } } },
    },
  },
)

const audit = (request: FastifyRequest): AuditContext =>
  auditContextOf(request.caller ?? undefined, request.ip)

/**
 * Re-distribution through the native API (docs/distribution.md, "Re-distribution"): the rules
 * (configuration) and an operator's re-offer of one lead or of a filtered set. The console's
 * buttons call exactly `POST /leads/:id/redistribute` and `POST /leads/redistribute`.
 */
export async function redistributionRoutes(
  app: FastifyInstance,
  { redistribution }: RedistributionRoutesOptions,
): Promise<void> {
  app.addHook('preValidation', stripNulFromRequest)
  acceptJsonOnly(app)
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { rules } = redistribution

  r.get('/redistribution-rules', { config: needs('config:read'), schema: LIST }, async () => ({
    items: await rules.list(),
  }))
  r.get('/redistribution-rules/:id', { config: needs('config:read'), schema: GET }, (request) =>
    rules.get(request.params.id),
  )
  r.post('/redistribution-rules', { config: needs('config:write'), schema: CREATE }, async (request, reply) =>
    reply.status(201).send(await rules.create(request.body, audit(request))),
  )
  r.patch('/redistribution-rules/:id', { config: needs('config:write'), schema: UPDATE }, (request) =>
    rules.update(request.params.id, request.body, audit(request)),
  )
  r.delete(
    '/redistribution-rules/:id',
    { config: needs('config:write'), schema: DELETE },
    async (request, reply) => {
      await rules.remove(request.params.id, audit(request))
      return reply.status(204).send(null)
    },
  )

  r.post('/leads/:id/redistribute', { config: needs('leads:redistribute'), schema: OFFER_ONE }, (request) =>
    redistribution.offerNow(request.params.id),
  )
  r.post(
    '/leads/redistribute',
    { config: needs('leads:redistribute'), schema: OFFER_MANY },
    async (request, reply) => reply.status(202).send(await redistribution.queueFiltered(request.body)),
  )
}
