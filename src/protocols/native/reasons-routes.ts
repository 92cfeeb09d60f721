import type { FastifyInstance } from 'fastify'
import type { PluginOptions } from '../../app/leadflow.js'
import { LeadflowError } from '../../core/errors.js'
import { acceptJsonOnly } from '../../http/json-depth.js'
import {
  createReason,
  findReasonNamed,
  getReason,
  listReasons,
  type ReasonKind,
  updateReason,
} from '../../storage/reason-store.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { requireAdmin } from './admin-auth.js'
import { adminSchema, idParams, listOf, NAME } from './common-schemas.js'

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

type Id = { Params: { id: number } }

/** Reasons CRUD (docs/returns.md, "Reasons"). Ids are what CAKE clients send as return_reason_id. */
export async function reasonsRoutes(app: FastifyInstance, { lf }: PluginOptions): Promise<void> {
  // onRequest, not preHandler: the key is checked before the body is read or validated.
  app.addHook('onRequest', requireAdmin(lf))
  app.addHook('preValidation', stripNulFromRequest)
  // JSON only: another content type is 415, not a text body failing validation.
  acceptJsonOnly(app)

  app.get<{ Querystring: { kind?: ReasonKind } }>('/reasons', { schema: LIST }, async (request) => ({
    items: await listReasons(lf.db, { kind: request.query.kind }),
  }))

  app.get<Id>('/reasons/:id', { schema: GET }, async (request) =>
    shown(await getReason(lf.db, request.params.id), request.params.id),
  )

  app.post<{ Body: { kind: ReasonKind; name: string } }>(
    '/reasons',
    { schema: CREATE },
    async (request, reply) => {
      const { kind, name } = request.body
      await refuseDuplicate(lf.db, kind, name, null)
      return reply.status(201).send(await createReason(lf.db, kind, name.trim(), lf.clock.now()))
    },
  )

  app.patch<Id & { Body: { name?: string; active?: boolean } }>(
    '/reasons/:id',
    { schema: UPDATE },
    async (request) => {
      const { id } = request.params
      const current = shown(await getReason(lf.db, id), id)
      if (request.body.name !== undefined) await refuseDuplicate(lf.db, current.kind, request.body.name, id)
      const name = request.body.name?.trim()
      return shown(await updateReason(lf.db, id, { ...request.body, name }), id)
    },
  )

  app.delete<Id>('/reasons/:id', { schema: RETIRE }, async (request) => {
    const { id } = request.params
    shown(await getReason(lf.db, id), id)
    return shown(await updateReason(lf.db, id, { active: false }), id)
  })
}

async function refuseDuplicate(
  db: PluginOptions['lf']['db'],
  kind: ReasonKind,
  name: string,
  id: number | null,
) {
  const same = await findReasonNamed(db, kind, name)
  if (same && same.id !== id)
    throw new LeadflowError('LF_CONFLICT', `A ${kind} reason named "${same.name}" already exists`)
}

function shown<T>(row: T | undefined, id: number): T {
  if (row === undefined) throw new LeadflowError('LF_NOT_FOUND', `No reason with id ${id}`)
  return row
}
