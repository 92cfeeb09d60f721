import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { ReturnQueries } from '../../app/operations-services.js'
import { auditContextOf } from '../../core/accounts/caller.js'
import { LeadflowError } from '../../core/errors.js'
import { adminReturnLead, RETURN_TYPES } from '../../core/feedback/admin-return.js'
import type { FeedbackDeps } from '../../core/feedback/buyer-feedback.js'
import { decideQueuedReturn, type QueueDecision } from '../../core/feedback/decide-return.js'
import { ALREADY_IN_RETURN_LIST } from '../../core/feedback/feedback-messages.js'
import type { IdempotencyStore } from '../../core/idempotency/idempotency-store.js'
import type { Clock } from '../../core/ports.js'
import { acceptJsonOnly } from '../../http/json-depth.js'
import { guardIdempotencyKeys, headerCredential } from '../idempotency-key.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { ANY_OBJECT, adminSchema, ID, idParams, listOf } from './common-schemas.js'

const STATUSES = ['pending', 'credited', 'replaced', 'rejected'] as const

const RETURN = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    status: { type: 'string', enum: STATUSES },
    sale_id: { type: 'integer' },
    lead_id: { type: 'integer' },
    post_id: { type: 'string' },
    buyer_id: { type: 'integer' },
    contract_id: { type: 'integer' },
    price_cents: { type: 'integer' },
    sale_event_id: { type: 'string' },
    reason_id: { type: ['integer', 'null'] },
    reason: { type: ['string', 'null'] },
    denied_reason_id: { type: ['integer', 'null'] },
    channel: { type: 'string' },
    event_id: { type: ['string', 'null'] },
    created_at: { type: 'string' },
    decided_at: { type: ['string', 'null'] },
  },
} as const

const LIST = adminSchema('returns', 'The return queue and decided returns', {
  querystring: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: STATUSES },
      buyer_id: ID,
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      offset: { type: 'integer', minimum: 0, default: 0 },
    },
    additionalProperties: false,
  },
  response: { 200: listOf(RETURN) },
} as const)

const CREATE = adminSchema('returns', 'Return a sold lead (same rules as CAKE ReturnLead)', {
  body: {
    type: 'object',
    required: ['lead_id', 'return_type', 'return_reason_id'],
    properties: {
      lead_id: { type: 'string', minLength: 1, maxLength: 64, description: 'LeadIdentifier or PostID' },
      buyer_contract_id: { type: ['integer', 'null'] },
      return_type: { type: 'string', enum: [...RETURN_TYPES] },
      return_reason_id: ID,
      denied_reason_id: { type: ['integer', 'null'] },
    },
    additionalProperties: false,
  },
  response: { 201: RETURN },
} as const)

const decideSchema = (summary: string, withReason: boolean) =>
  adminSchema('returns', summary, {
    params: idParams('id'),
    ...(withReason
      ? {
          body: {
            type: 'object',
            required: ['denied_reason_id'],
            properties: { denied_reason_id: ID },
            additionalProperties: false,
          },
        }
      : {}),
    response: { 200: RETURN },
  })

const REPORT = adminSchema('returns', 'Sales, conversions and returns per source or per buyer', {
  querystring: {
    type: 'object',
    properties: {
      by: { type: 'string', enum: ['source', 'buyer'], default: 'source' },
      from: { type: 'string', format: 'date-time' },
      to: { type: 'string', format: 'date-time' },
    },
    additionalProperties: false,
  },
  response: { 200: listOf(ANY_OBJECT) },
} as const)

const NULLABLE_INT = { type: ['integer', 'null'] } as const
const NULLABLE_STRING = { type: ['string', 'null'] } as const

const REPLACEMENTS = adminSchema(
  'returns',
  'Replacements owed to buyers (approved replace returns) or fulfilled',
  {
    querystring: {
      type: 'object',
      properties: {
        state: { type: 'string', enum: ['owed', 'fulfilled'] },
        limit: { type: 'integer', minimum: 1, maximum: 500, default: 200 },
      },
      additionalProperties: false,
    },
    response: {
      200: {
        type: 'object',
        properties: {
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                buyer_id: { type: 'integer' },
                buyer_name: NULLABLE_STRING,
                contract_id: { type: 'integer' },
                contract_name: NULLABLE_STRING,
                lead_type_id: { type: 'integer' },
                original_sale_id: { type: 'integer' },
                original_lead_id: NULLABLE_INT,
                fulfilled_sale_id: NULLABLE_INT,
                fulfilled_lead_id: NULLABLE_INT,
                created_at: { type: 'string' },
                fulfilled_at: NULLABLE_STRING,
              },
            },
          },
        },
      },
    },
  } as const,
)

export interface ReturnsRoutesOptions {
  feedback: FeedbackDeps
  returns: ReturnQueries
  idempotency: IdempotencyStore
  clock: Clock
}

const DECISIONS: Array<[string, QueueDecision, boolean]> = [
  ['approve-for-credit', 'approve_for_credit', false],
  ['approve-to-replace', 'approve_to_replace', false],
  ['reject', 'reject', true],
]

/** The return queue of the native API (docs/returns.md, "Native API"). */
export async function returnsRoutes(
  app: FastifyInstance,
  { feedback, returns, idempotency, clock }: ReturnsRoutesOptions,
): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  r.addHook('preValidation', stripNulFromRequest)
  // JSON only: another content type is 415, not a text body failing validation.
  acceptJsonOnly(app)
  guardIdempotencyKeys(app, {
    store: idempotency,
    protocol: 'native-returns',
    credential: headerCredential,
    now: () => clock.now(),
  })

  r.get('/returns', { config: { permission: 'returns:read' }, schema: LIST }, async (request) => {
    const { status, buyer_id, limit, offset } = request.query
    return { items: await returns.list({ status, buyerId: buyer_id, limit, offset }) }
  })

  r.get(
    '/returns/:id',
    { config: { permission: 'returns:read' }, schema: decideSchema('One return', false) },
    async (request) => shown(await returns.get(request.params.id), request.params.id),
  )

  r.post('/returns', { config: { permission: 'returns:decide' }, schema: CREATE }, async (request, reply) => {
    const b = request.body
    const result = await adminReturnLead(feedback, {
      leadRef: String(b.lead_id),
      verticalId: null,
      contractId: b.buyer_contract_id ?? null,
      returnType: b.return_type,
      returnReasonId: b.return_reason_id,
      deniedReasonId: b.denied_reason_id ?? null,
      channel: 'native',
      request: b,
      audit: auditContextOf(request.caller ?? undefined, request.ip),
    })
    if (!result.ok) throw refusal(result.reason, result.notFound === true)
    return reply.status(201).send(shown(await returns.get(result.returnId), result.returnId))
  })

  for (const [path, decision, withReason] of DECISIONS) {
    r.post(
      `/returns/:id/${path}`,
      {
        config: { permission: 'returns:decide' },
        schema: decideSchema(`Decide a queued return: ${decision}`, withReason),
      },
      async (request) => {
        const { id } = request.params
        const body = request.body as { denied_reason_id?: number } | undefined
        const audit = auditContextOf(request.caller ?? undefined, request.ip)
        await decideQueuedReturn(feedback, id, decision, body?.denied_reason_id ?? null, audit)
        return shown(await returns.get(id), id)
      },
    )
  }

  r.get(
    '/replacements',
    { config: { permission: 'returns:read' }, schema: REPLACEMENTS },
    async (request) => {
      const { state, limit } = request.query
      return { items: await returns.replacements({ state, limit }) }
    },
  )

  r.get(
    '/reports/conversions',
    { config: { permission: 'reports:read' }, schema: REPORT },
    async (request) => {
      const { by, from, to } = request.query
      const until = to ?? feedback.clock.now().toISOString()
      const since = from ?? new Date(Date.parse(until) - 30 * 86_400_000).toISOString()
      return { items: await returns.conversions(by, since, until) }
    },
  )
}

function shown<T>(row: T | undefined, id: number): T {
  if (row === undefined) throw new LeadflowError('LF_NOT_FOUND', `Return ${id} does not exist`)
  return row
}

function refusal(reason: string, notFound: boolean): LeadflowError {
  if (notFound) return new LeadflowError('LF_NOT_FOUND', reason)
  if (reason === ALREADY_IN_RETURN_LIST) return new LeadflowError('LF_CONFLICT', reason)
  return new LeadflowError('LF_VALIDATION', reason)
}
