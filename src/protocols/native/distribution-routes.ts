import type { FastifyInstance } from 'fastify'
import type { PluginOptions } from '../../app/leadflow.js'
import { LeadflowError } from '../../core/errors.js'
import { instantEvent } from '../../core/events/event-record.js'
import { resumeContract } from '../../storage/contract-health.js'
import { insertEvents } from '../../storage/event-store.js'
import { decideQc } from '../../storage/qc-review-store.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { ADMIN_SECURITY, requireAdmin } from './admin-auth.js'

const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const

const send = {
  type: 'object',
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

const outcome = {
  type: 'object',
  properties: {
    sold: { type: 'boolean' },
    priceCents: { type: 'integer' },
    sourcePriceCents: { type: 'integer' },
    redirectUrl: { type: 'string' },
    sends: { type: 'array', items: send },
    reason: { type: 'string' },
  },
} as const

function qcError(reason: 'not_found' | 'not_pending', leadId: number): LeadflowError {
  return reason === 'not_found'
    ? new LeadflowError('LF_NOT_FOUND', `No lead ${leadId}`)
    : new LeadflowError('LF_CONFLICT', `Lead ${leadId} is not waiting for QC review`)
}

/**
 * Native admin switches of the distribution domain (docs/distribution.md): resume an
 * auto-paused contract, and decide a lead held for QC review — approval distributes it at once.
 */
export async function distributionRoutes(app: FastifyInstance, { lf }: PluginOptions) {
  app.addHook('preHandler', requireAdmin(lf))
  app.addHook('preValidation', stripNulFromRequest)

  app.post<{ Params: { id: number } }>(
    '/contracts/:id/resume',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Resume a paused contract (after automatic pause on delivery errors)',
        security: ADMIN_SECURITY,
        params: ID_PARAMS,
        response: {
          200: { type: 'object', properties: { id: { type: 'integer' }, status: { type: 'string' } } },
        },
      },
    },
    async (request) => {
      const id = request.params.id
      const now = lf.clock.now()
      if (!(await resumeContract(lf.db, id, now))) {
        const row = await lf.db
          .selectFrom('contracts')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirst()
        if (!row) throw new LeadflowError('LF_NOT_FOUND', `No contract ${id}`)
        throw new LeadflowError('LF_CONFLICT', `Contract ${id} is ${row.status}, not paused`)
      }
      await insertEvents(lf.db, [
        instantEvent({
          leadId: null,
          kind: 'contract',
          step: 'resume',
          contractId: id,
          outcome: 'active',
          reason: 'resumed by admin',
          at: now,
        }),
      ])
      return { id, status: 'active' }
    },
  )

  app.post<{ Params: { id: number } }>(
    '/leads/:id/qc/approve',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Approve a lead held for QC review; distribution continues and its outcome is returned',
        security: ADMIN_SECURITY,
        params: ID_PARAMS,
        response: { 200: outcome },
      },
    },
    async (request) => {
      const decided = await decideQc(
        lf.db,
        request.params.id,
        { approve: true, reason: null },
        lf.clock.now(),
      )
      if (!decided.ok) throw qcError(decided.reason, request.params.id)
      return lf.distributor.distribute(request.params.id)
    },
  )

  app.post<{ Params: { id: number }; Body: { reason: string } }>(
    '/leads/:id/qc/reject',
    {
      schema: {
        tags: ['distribution'],
        summary: 'Reject a lead held for QC review, with the reason',
        security: ADMIN_SECURITY,
        params: ID_PARAMS,
        body: {
          type: 'object',
          required: ['reason'],
          additionalProperties: false,
          properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
        },
        response: {
          200: {
            type: 'object',
            properties: { id: { type: 'integer' }, status: { type: 'string' }, reason: { type: 'string' } },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params
      const decided = await decideQc(
        lf.db,
        id,
        { approve: false, reason: request.body.reason },
        lf.clock.now(),
      )
      if (!decided.ok) throw qcError(decided.reason, id)
      return { id, status: 'rejected', reason: request.body.reason }
    },
  )
}
