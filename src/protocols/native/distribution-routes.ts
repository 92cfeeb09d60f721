import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { auditContextOf } from '../../core/accounts/caller.js'
import type { DistributionEngine } from '../../core/distribution/create-distributor.js'
import type { QcReview } from '../../core/distribution/qc-review.js'
import type { ContractSwitches } from '../../core/distribution/resume-contract.js'
import { LeadflowError } from '../../core/errors.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { ADMIN_SECURITY } from './admin-key.js'
import { SALE_SEND } from './common-schemas.js'

export interface DistributionRoutesOptions {
  qc: QcReview
  contracts: ContractSwitches
  engine: Pick<DistributionEngine, 'sendTo'>
}

const ID_PARAMS = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
} as const

const outcome = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sold: { type: 'boolean' },
    priceCents: { type: 'integer' },
    sourcePriceCents: { type: 'integer' },
    redirectUrl: { type: 'string' },
    sends: { type: 'array', items: SALE_SEND },
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
export async function distributionRoutes(
  app: FastifyInstance,
  { qc, contracts, engine }: DistributionRoutesOptions,
) {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  r.addHook('preValidation', stripNulFromRequest)

  r.post(
    '/contracts/:id/resume',
    {
      config: { permission: 'contracts:switch' },
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
      const { id } = request.params
      const resumed = await contracts.resume(id, auditContextOf(request.caller ?? undefined, request.ip))
      if (resumed.ok) return { id, status: 'active' }
      if (resumed.status === null) throw new LeadflowError('LF_NOT_FOUND', `No contract ${id}`)
      throw new LeadflowError('LF_CONFLICT', `Contract ${id} is ${resumed.status}, not paused`)
    },
  )

  r.post(
    '/contracts/:id/switch',
    {
      config: { permission: 'contracts:switch' },
      schema: {
        tags: ['distribution'],
        summary: 'Turn a contract on or off (the operator switch; nothing else of it changes)',
        security: ADMIN_SECURITY,
        params: ID_PARAMS,
        body: {
          type: 'object',
          required: ['on'],
          additionalProperties: false,
          properties: { on: { type: 'boolean' } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'integer' },
              status: { type: 'string' },
              changed: { type: 'boolean' },
            },
          },
        },
      },
    },
    async (request) => {
      const { id } = request.params
      const status = request.body.on ? 'active' : 'off'
      const audit = auditContextOf(request.caller ?? undefined, request.ip)
      const switched = await contracts.switchTo(id, status, audit)
      if (!switched.found) throw new LeadflowError('LF_NOT_FOUND', `No contract ${id}`)
      return { id, status, changed: switched.changed }
    },
  )

  r.post(
    '/leads/:id/qc/approve',
    {
      config: { permission: 'qc:decide' },
      schema: {
        tags: ['distribution'],
        summary: 'Approve a lead held for QC review; distribution continues and its outcome is returned',
        security: ADMIN_SECURITY,
        params: ID_PARAMS,
        response: { 200: outcome },
      },
    },
    async (request) => {
      const approved = await qc.approve(
        request.params.id,
        auditContextOf(request.caller ?? undefined, request.ip),
      )
      if (!approved.ok) throw qcError(approved.reason, request.params.id)
      return approved.outcome
    },
  )

  r.post(
    '/leads/:id/qc/reject',
    {
      config: { permission: 'qc:decide' },
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
      const decided = await qc.reject(
        id,
        request.body.reason,
        auditContextOf(request.caller ?? undefined, request.ip),
      )
      if (!decided.ok) throw qcError(decided.reason, id)
      return { id, status: 'rejected', reason: request.body.reason }
    },
  )

  r.post(
    '/leads/:id/resend',
    {
      config: { permission: 'leads:redistribute' },
      schema: {
        tags: ['distribution'],
        summary:
          'Send a stored lead to one contract through the normal sale path (eligibility, caps, credit, delivery); its outcome is returned',
        security: ADMIN_SECURITY,
        params: ID_PARAMS,
        body: {
          type: 'object',
          required: ['contractId'],
          additionalProperties: false,
          properties: { contractId: { type: 'integer', minimum: 1 } },
        },
        response: { 200: outcome },
      },
    },
    async (request) => {
      const { id } = request.params
      const by = request.caller?.label ?? 'system'
      const sent = await engine.sendTo(id, request.body.contractId, by)
      if (sent.ok) return sent.outcome
      if (sent.reason === 'not_this_lead_type') throw new LeadflowError('LF_NOT_FOUND', sent.detail)
      const detail = sent.reason === 'skipped' ? `Not sent: ${sent.detail}` : sent.detail
      throw new LeadflowError('LF_CONFLICT', detail)
    },
  )
}
