import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { acceptJsonOnly } from '../../http/json-depth.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { adminSchema, idParams, listOf, NAME } from './common-schemas.js'
import type { NativeOptions } from './native-admin.js'

const KIND = { type: 'string', enum: ['return', 'reject'] } as const

const REASON = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: KIND,
    name: { type: 'string' },
    active: { type: 'boolean' },
    created_at: { type: 'string' },
  },
} as const

const LIST = adminSchema('reasons', 'Return and reject reasons (CAKE GetReturnReasons / GetRejectReasons)', {
  querystring: { type: 'object', properties: { kind: KIND }, additionalProperties: false },
  response: { 200: listOf(REASON) },
})
const GET = adminSchema('reasons', 'One reason', { params: idParams('id'), response: { 200: REASON } })
const CREATE = adminSchema('reasons', 'Add a reason', {
  body: {
    type: 'object',
    required: ['kind', 'name'],
    properties: { kind: KIND, name: NAME },
    additionalProperties: false,
  },
  response: { 201: REASON },
})
const UPDATE = adminSchema('reasons', 'Rename, retire or restore a reason', {
  params: idParams('id'),
  body: {
    type: 'object',
    properties: { name: NAME, active: { type: 'boolean' } },
    additionalProperties: false,
  },
  response: { 200: REASON },
})
const RETIRE = adminSchema('reasons', 'Retire a reason (returns keep pointing at it)', {
  params: idParams('id'),
  response: { 200: REASON },
})

/** Reasons CRUD (docs/returns.md, "Reasons"). Ids are what CAKE clients send as return_reason_id. */
export async function reasonsRoutes(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  app.addHook('preValidation', stripNulFromRequest)
  // JSON only: another content type is 415, not a text body failing validation.
  acceptJsonOnly(app)
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { reasons } = admin

  r.get('/reasons', { config: { permission: 'reasons:read' }, schema: LIST }, async (request) => ({
    items: await reasons.list(request.query),
  }))

  r.get('/reasons/:id', { config: { permission: 'reasons:read' }, schema: GET }, (request) =>
    reasons.get(request.params.id),
  )

  r.post('/reasons', { config: { permission: 'reasons:write' }, schema: CREATE }, async (request, reply) =>
    reply.status(201).send(await reasons.create(request.body.kind, request.body.name)),
  )

  r.patch('/reasons/:id', { config: { permission: 'reasons:write' }, schema: UPDATE }, (request) =>
    reasons.update(request.params.id, request.body),
  )

  r.delete('/reasons/:id', { config: { permission: 'reasons:write' }, schema: RETIRE }, (request) =>
    reasons.retire(request.params.id),
  )
}
