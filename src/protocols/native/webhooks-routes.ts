import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { ALERT_EVENTS, type AlertRule } from '../../core/webhooks/alert-rules.js'
import type { WebhookAdmin } from '../../core/webhooks/webhook-admin.js'
import { WEBHOOK_EVENT_TYPES } from '../../core/webhooks/webhook-events.js'
import type { WebhookDelivery, WebhookEndpoint } from '../../core/webhooks/webhook-store.js'
import { needs } from '../../http/route-permission.js'
import { stripNulFromRequest } from '../strip-nul.js'
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

export interface WebhooksRoutesOptions {
  webhooks: WebhookAdmin
  /** Wakes the worker after a replay, so it goes out at once. */
  nudge(): void
}

const EVENT_TYPE = { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] } as const
const URL_FIELD = { type: 'string', minLength: 8, maxLength: 2000 } as const

const ENDPOINT = {
  type: 'object',
  required: ['id', 'url', 'event_types', 'enabled'],
  properties: {
    id: ID,
    url: { type: 'string' },
    description: { type: 'string' },
    event_types: { type: 'array', items: { type: 'string' } },
    enabled: { type: 'boolean' },
    disabled_reason: { type: ['string', 'null'] },
    buyer_id: NULLABLE_ID,
    source_id: NULLABLE_ID,
    consecutive_failures: { type: 'integer' },
    failing_since: NULLABLE_TIME,
    previous_secret_expires_at: NULLABLE_TIME,
    created_at: TIME,
    updated_at: TIME,
  },
} as const

const CREATED = {
  ...ENDPOINT,
  required: [...ENDPOINT.required, 'secret'],
  properties: { ...ENDPOINT.properties, secret: { type: 'string', description: 'whsec_…, shown only now' } },
} as const

const DELIVERY = {
  type: 'object',
  properties: {
    id: ID,
    message_id: { type: 'string' },
    event_type: { type: 'string' },
    status: { type: 'string', enum: ['pending', 'succeeded', 'failed', 'skipped'] },
    attempts: { type: 'integer' },
    body: { type: 'string' },
    created_at: TIME,
    updated_at: TIME,
    log: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          attempt: { type: 'integer' },
          outcome: { type: 'string' },
          status_code: { type: ['integer', 'null'] },
          reason: { type: ['string', 'null'] },
          duration_ms: { type: 'integer' },
          response: { type: ['string', 'null'] },
          at: TIME,
        },
      },
    },
  },
} as const

const RULE = {
  type: 'object',
  properties: {
    id: ID,
    name: { type: 'string' },
    event_type: { type: 'string' },
    emails: { type: 'array', items: { type: 'string' } },
    webhook: { type: 'boolean' },
    enabled: { type: 'boolean' },
    source_id: { type: ['integer', 'null'] },
    window_minutes: { type: ['integer', 'null'] },
    threshold_percent: { type: ['integer', 'null'] },
    min_leads: { type: ['integer', 'null'] },
    created_at: TIME,
  },
} as const

const T = 'webhooks'
const LIST = adminSchema(T, 'Webhook endpoints (secrets are never listed)', {
  response: { 200: listOf(ENDPOINT) },
})
const GET = adminSchema(T, 'One webhook endpoint', { params: idParams('id'), response: { 200: ENDPOINT } })
const CREATE = adminSchema(T, 'Register an endpoint; the answer holds its secret, shown once', {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['url', 'event_types'],
    properties: {
      url: URL_FIELD,
      event_types: { type: 'array', minItems: 1, uniqueItems: true, items: EVENT_TYPE },
      description: { type: 'string', maxLength: 500 },
      enabled: { type: 'boolean' },
      buyer_id: NULLABLE_ID,
      source_id: NULLABLE_ID,
    },
  },
  response: { 201: CREATED },
})
const PATCH = adminSchema(T, 'Change an endpoint; enabling it again clears its failure streak', {
  params: idParams('id'),
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      url: URL_FIELD,
      event_types: { type: 'array', minItems: 1, uniqueItems: true, items: EVENT_TYPE },
      description: { type: 'string', maxLength: 500 },
      enabled: { type: 'boolean' },
    },
  },
  response: { 200: ENDPOINT },
})
const DELETE = adminSchema(T, 'Delete an endpoint and its delivery log', {
  params: idParams('id'),
  response: { 204: DELETED },
})
const ROTATE = adminSchema(T, 'A new secret; the old one keeps signing beside it for 24 hours', {
  params: idParams('id'),
  response: {
    200: {
      type: 'object',
      properties: { secret: { type: 'string' }, previous_secret_expires_at: TIME },
    },
  },
})
const DELIVERIES = adminSchema(T, 'The delivery log, newest first, each with its attempts', {
  params: idParams('id'),
  querystring: {
    type: 'object',
    properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
  },
  response: { 200: listOf(DELIVERY) },
})
const REPLAY = adminSchema(T, 'Send a delivery again (same webhook-id, fresh timestamp and signature)', {
  params: {
    type: 'object',
    required: ['id', 'deliveryId'],
    properties: { id: ID, deliveryId: ID },
    additionalProperties: false,
  },
  response: { 202: { type: 'object', properties: { queued: { type: 'boolean' } } } },
})

const A = 'alerts'
const RULES = adminSchema(A, 'Alert rules', { response: { 200: listOf(RULE) } })
const CREATE_RULE = adminSchema(A, 'An alert rule: email and/or an alert.triggered webhook on an event', {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'event_type'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      event_type: { type: 'string', enum: [...ALERT_EVENTS] },
      emails: { type: 'array', maxItems: 50, items: { type: 'string', format: 'email' } },
      webhook: { type: 'boolean' },
      enabled: { type: 'boolean' },
      source_id: { type: 'integer', minimum: 1 },
      window_minutes: { type: 'integer', minimum: 1, maximum: 10_080 },
      threshold_percent: { type: 'integer', minimum: 1, maximum: 100 },
      min_leads: { type: 'integer', minimum: 1, maximum: 1_000_000 },
    },
  },
  response: { 201: RULE },
})
const UPDATE_RULE = adminSchema(
  A,
  'Change an alert rule; the keys given change, null clears a condition key',
  {
    params: idParams('id'),
    body: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        event_type: { type: 'string', enum: [...ALERT_EVENTS] },
        emails: { type: 'array', maxItems: 50, items: { type: 'string', format: 'email' } },
        webhook: { type: 'boolean' },
        enabled: { type: 'boolean' },
        source_id: { type: ['integer', 'null'], minimum: 1 },
        window_minutes: { type: ['integer', 'null'], minimum: 1, maximum: 10_080 },
        threshold_percent: { type: ['integer', 'null'], minimum: 1, maximum: 100 },
        min_leads: { type: ['integer', 'null'], minimum: 1, maximum: 1_000_000 },
      },
    },
    response: { 200: RULE },
  },
)
const DELETE_RULE = adminSchema(A, 'Delete an alert rule', {
  params: idParams('id'),
  response: { 204: DELETED },
})

function endpointOut(e: WebhookEndpoint) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes,
    enabled: e.enabled,
    disabled_reason: e.disabledReason,
    buyer_id: e.buyerId,
    source_id: e.sourceId,
    consecutive_failures: e.consecutiveFailures,
    failing_since: e.failingSince,
    previous_secret_expires_at: e.previousSecretExpiresAt,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
  }
}

function deliveryOut(d: WebhookDelivery) {
  return {
    id: d.id,
    message_id: d.messageId,
    event_type: d.eventType,
    status: d.status as 'pending' | 'succeeded' | 'failed' | 'skipped',
    attempts: d.attempts,
    body: d.body,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    log: d.log.map((a) => ({
      attempt: a.attempt,
      outcome: a.outcome,
      status_code: a.statusCode,
      reason: a.reason,
      duration_ms: a.durationMs,
      response: a.response,
      at: a.at,
    })),
  }
}

function ruleOut(r: AlertRule) {
  return {
    id: r.id,
    name: r.name,
    event_type: r.eventType,
    emails: r.emails,
    webhook: r.webhook,
    enabled: r.enabled,
    source_id: r.condition.sourceId,
    window_minutes: r.condition.windowMinutes,
    threshold_percent: r.condition.thresholdPercent,
    min_leads: r.condition.minLeads,
    created_at: r.createdAt,
  }
}

/** Webhook endpoints, their delivery log and replay, and alert rules (docs/webhooks.md, docs/operations.md). */
export async function webhooksRoutes(app: FastifyInstance, { webhooks, nudge }: WebhooksRoutesOptions) {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  r.addHook('preValidation', stripNulFromRequest)

  r.get('/webhooks', { config: needs('webhooks:read'), schema: LIST }, async () => ({
    items: (await webhooks.list()).map(endpointOut),
  }))
  r.post('/webhooks', { config: needs('webhooks:write'), schema: CREATE }, async (request, reply) => {
    const b = request.body
    const created = await webhooks.create({
      url: b.url,
      eventTypes: b.event_types,
      description: b.description,
      enabled: b.enabled,
      buyerId: b.buyer_id ?? null,
      sourceId: b.source_id ?? null,
    })
    return reply.status(201).send({ ...endpointOut(created), secret: created.secret })
  })
  r.get('/webhooks/:id', { config: needs('webhooks:read'), schema: GET }, async (request) =>
    endpointOut(await webhooks.get(request.params.id)),
  )
  r.patch('/webhooks/:id', { config: needs('webhooks:write'), schema: PATCH }, async (request) => {
    const b = request.body
    return endpointOut(
      await webhooks.update(request.params.id, {
        url: b.url,
        eventTypes: b.event_types,
        description: b.description,
        enabled: b.enabled,
      }),
    )
  })
  r.delete('/webhooks/:id', { config: needs('webhooks:write'), schema: DELETE }, async (request, reply) => {
    await webhooks.remove(request.params.id)
    return reply.status(204).send(null)
  })
  r.post(
    '/webhooks/:id/rotate-secret',
    { config: needs('webhooks:write'), schema: ROTATE },
    async (request) => {
      const rotated = await webhooks.rotate(request.params.id)
      return { secret: rotated.secret, previous_secret_expires_at: rotated.previousSecretExpiresAt }
    },
  )
  r.get(
    '/webhooks/:id/deliveries',
    { config: needs('webhooks:read'), schema: DELIVERIES },
    async (request) => ({
      items: (await webhooks.deliveries(request.params.id, request.query.limit ?? 100)).map(deliveryOut),
    }),
  )
  r.post(
    '/webhooks/:id/deliveries/:deliveryId/replay',
    { config: needs('webhooks:write'), schema: REPLAY },
    async (request, reply) => {
      await webhooks.replay(request.params.id, request.params.deliveryId)
      nudge()
      return reply.status(202).send({ queued: true })
    },
  )

  r.get('/alert-rules', { config: needs('alerts:read'), schema: RULES }, async () => ({
    items: (await webhooks.listRules()).map(ruleOut),
  }))
  r.post('/alert-rules', { config: needs('alerts:write'), schema: CREATE_RULE }, async (request, reply) => {
    const b = request.body
    const rule = await webhooks.createRule({
      name: b.name,
      eventType: b.event_type,
      emails: b.emails ?? [],
      webhook: b.webhook,
      enabled: b.enabled,
      condition: {
        sourceId: b.source_id ?? null,
        windowMinutes: b.window_minutes ?? null,
        thresholdPercent: b.threshold_percent ?? null,
        minLeads: b.min_leads ?? null,
      },
    })
    return reply.status(201).send(ruleOut(rule))
  })
  r.patch('/alert-rules/:id', { config: needs('alerts:write'), schema: UPDATE_RULE }, async (request) => {
    const b = request.body
    return ruleOut(
      await webhooks.updateRule(request.params.id, {
        name: b.name,
        eventType: b.event_type,
        emails: b.emails,
        webhook: b.webhook,
        enabled: b.enabled,
        condition: {
          sourceId: b.source_id,
          windowMinutes: b.window_minutes,
          thresholdPercent: b.threshold_percent,
          minLeads: b.min_leads,
        },
      }),
    )
  })
  r.delete(
    '/alert-rules/:id',
    { config: needs('alerts:write'), schema: DELETE_RULE },
    async (request, reply) => {
      await webhooks.removeRule(request.params.id)
      return reply.status(204).send(null)
    },
  )
}
