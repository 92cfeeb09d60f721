import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { DiallerAdmin } from '../../app/operations-services.js'
import type { CallQueueStore, CallStatus } from '../../core/dialler/call-queue-store.js'
import { CALL_RESULTS } from '../../core/dialler/call-result.js'
import { checkCampaignSettings } from '../../core/dialler/campaign-settings.js'
import { normalizePhone } from '../../core/dialler/phone.js'
import { reportResult } from '../../core/dialler/report-result.js'
import { takeCall } from '../../core/dialler/take-call.js'
import { LeadflowError } from '../../core/errors.js'
import type { Clock } from '../../core/ports.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { ADMIN_SECURITY } from './admin-key.js'

export interface DiallerRoutesOptions {
  dialler: DiallerAdmin
  callQueue: CallQueueStore
  clock: Clock
}

/**
 * The dialler side of the call queue in the native API (docs/dialler.md), mounted at /api/v1:
 * campaigns (admin), the queue (admin), and take / result, which a dialler may also call with
 * its own key (`Authorization: Bearer <dialler key>`, owner_kind 'dialler').
 */
const ID = { type: 'integer', minimum: 1, maximum: 2_147_483_647 } as const
const idParams = { type: 'object', required: ['id'], properties: { id: ID } } as const
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const
const STATUSES = ['scheduled', 'in_progress', 'done', 'cancelled'] as const satisfies readonly CallStatus[]
const tags = ['dialler']

/** A dialler key takes and reports calls under its own name; a person or admin key as `admin`. */
function diallerIdOf(request: FastifyRequest, given: string | undefined): string {
  if (given) return given
  const caller = request.caller
  return caller?.dialler ? `dialler-key:${caller.id}` : 'admin'
}

/** The take body is optional (a dialler polling with no body is common): `{ dialler?: string }`. */
function diallerNameOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined
  const name = typeof body === 'object' && !Array.isArray(body) ? (body as { dialler?: unknown }).dialler : 0
  if (name === undefined) return undefined
  if (typeof name !== 'string' || name === '' || name.length > 200) {
    throw new LeadflowError('LF_VALIDATION', 'body must be { "dialler": "<name, 1 to 200 characters>" }')
  }
  return name
}

function settingsOrThrow(raw: unknown) {
  const check = checkCampaignSettings(raw)
  if (!check.ok) throw new LeadflowError('LF_VALIDATION', 'Invalid campaign settings', check.errors)
  return check.settings
}

export async function diallerRoutes(app: FastifyInstance, options: DiallerRoutesOptions) {
  const { dialler, callQueue: store, clock } = options
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  r.addHook('preValidation', stripNulFromRequest)
  const read = { config: { permission: 'dialler:read' } } as const
  const write = { config: { permission: 'dialler:write' } } as const
  const calls = { config: { permission: 'dialler:calls' } } as const

  r.get('/dialler/campaigns', { ...read, schema: { tags, security: ADMIN_SECURITY } }, async () => ({
    campaigns: await dialler.listCampaigns(),
  }))

  r.post(
    '/dialler/campaigns',
    {
      ...write,
      schema: {
        tags,
        security: ADMIN_SECURITY,
        body: {
          type: 'object',
          required: ['type'],
          additionalProperties: false,
          properties: {
            type: text(255),
            subtype: { type: 'string', maxLength: 255 },
            name: text(255),
            settings: {},
          },
        },
      },
    },
    async (request, reply) => {
      const { type, subtype = '', name, settings } = request.body
      const campaign = await dialler.createCampaign({
        type,
        subtype,
        name: name ?? (subtype ? `${type} / ${subtype}` : type),
        settings: settingsOrThrow(settings),
      })
      if (!campaign) throw new LeadflowError('LF_CONFLICT', `Campaign ${type}/${subtype} exists already`)
      return reply.status(201).send({ campaign })
    },
  )

  r.get(
    '/dialler/campaigns/:id',
    { ...read, schema: { tags, security: ADMIN_SECURITY, params: idParams } },
    async (request) => {
      const campaign = await store.getCampaign(request.params.id)
      if (!campaign) throw new LeadflowError('LF_NOT_FOUND', `No dialler campaign ${request.params.id}`)
      return { campaign }
    },
  )

  r.patch(
    '/dialler/campaigns/:id',
    {
      ...write,
      schema: {
        tags,
        security: ADMIN_SECURITY,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { name: text(255), settings: { type: 'object' } },
        },
      },
    },
    async (request) => {
      const current = await store.getCampaign(request.params.id)
      if (!current) throw new LeadflowError('LF_NOT_FOUND', `No dialler campaign ${request.params.id}`)
      const { name, settings } = request.body
      // Settings given are merged over the current ones, part by part (retry, callingHours, …).
      const merged = settings ? settingsOrThrow({ ...current.settings, ...settings }) : undefined
      const campaign = await dialler.updateCampaign(current.id, { name, settings: merged })
      return { campaign }
    },
  )

  r.post(
    '/dialler/campaigns/:id/take',
    { ...calls, schema: { tags, security: ADMIN_SECURITY, params: idParams } },
    async (request) => {
      const diallerId = diallerIdOf(request, diallerNameOf(request.body))
      const outcome = await takeCall(store, clock, request.params.id, diallerId)
      if (outcome.kind === 'unknown_campaign') {
        throw new LeadflowError('LF_NOT_FOUND', `No dialler campaign ${request.params.id}`)
      }
      return { call: outcome.kind === 'taken' ? outcome.call : null }
    },
  )

  r.get(
    '/dialler/calls',
    {
      ...read,
      schema: {
        tags,
        security: ADMIN_SECURITY,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            campaignId: ID,
            status: { type: 'string', enum: STATUSES },
            mobile: text(40),
            dueBefore: { type: 'string', format: 'date-time' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
          },
        },
      },
    },
    async (request) => {
      const q = request.query
      const contact = q.mobile === undefined ? undefined : normalizePhone(q.mobile)?.e164
      if (q.mobile !== undefined && !contact) {
        throw new LeadflowError('LF_VALIDATION', 'mobile is not a valid phone number')
      }
      const dueBefore = q.dueBefore === undefined ? undefined : new Date(q.dueBefore).toISOString()
      const calls = await dialler.listCalls({
        campaignId: q.campaignId,
        status: q.status,
        contact,
        dueBefore,
        limit: q.limit ?? 100,
        offset: q.offset ?? 0,
      })
      return { calls }
    },
  )

  r.get(
    '/dialler/calls/:id',
    { ...calls, schema: { tags, security: ADMIN_SECURITY, params: idParams } },
    async (request) => {
      const call = await store.getCall(request.params.id)
      if (!call) throw new LeadflowError('LF_NOT_FOUND', `No call ${request.params.id}`)
      return { call }
    },
  )

  r.post(
    '/dialler/calls/:id/result',
    {
      ...calls,
      schema: {
        tags,
        security: ADMIN_SECURITY,
        params: idParams,
        body: {
          type: 'object',
          required: ['result'],
          additionalProperties: false,
          properties: {
            result: { type: 'string', enum: [...CALL_RESULTS] },
            callbackAt: { type: 'string', format: 'date-time' },
            dialler: text(200),
          },
        },
      },
    },
    async (request) => {
      const { result, callbackAt, dialler } = request.body
      const outcome = await reportResult(store, clock, request.params.id, {
        result,
        callbackAt,
        diallerId: dialler,
      })
      switch (outcome.kind) {
        case 'invalid':
          throw new LeadflowError('LF_VALIDATION', outcome.errors.join('; '), outcome.errors)
        case 'not_found':
          throw new LeadflowError('LF_NOT_FOUND', `No call ${request.params.id}`)
        case 'conflict':
          throw new LeadflowError('LF_CONFLICT', outcome.reason, { status: outcome.call.status })
        case 'recorded':
          return { call: outcome.call }
      }
    },
  )
}
