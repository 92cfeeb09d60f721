import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { KeyChecker } from '../../core/credentials/key-checker.js'
import { adminReturnLead, type ReturnType } from '../../core/feedback/admin-return.js'
import type { FeedbackDeps } from '../../core/feedback/buyer-feedback.js'
import type { Reason } from '../../core/feedback/feedback-store.js'
import type { IdempotencyStore } from '../../core/idempotency/idempotency-store.js'
import type { Clock } from '../../core/ports.js'
import { toLeadflowError } from '../../http/error-handler.js'
import { publicRoutes } from '../../http/route-permission.js'
import { documentRoutes } from '../documented-routes.js'
import { guardIdempotencyKeys } from '../idempotency-key.js'
import {
  type CakeAnswer,
  type CakeCallShape,
  type CakeOperation,
  cakeAnswer,
  reasonListFields,
  returnLeadFields,
} from './cake-answers.js'
import { describeCakeRoute } from './openapi-docs.js'
import { type CakeCall, readCakeCall, soapOf } from './read-cake-call.js'
import { readReturnLeadParams } from './return-lead-params.js'
import { SOAP_CONTENT_TYPE, soapFault } from './soap-envelope.js'
import { cakeWsdl } from './wsdl.js'

/**
 * The ASMX services and the web methods each answers (002 and the reason-list links in it).
 * track.asmx also answers the two reason lists, so its WSDL describes everything an admin needs
 * to call ReturnLead with valid ids (docs/compat.md, CAKE).
 */
const SERVICES: Record<string, readonly CakeOperation[]> = {
  '/api/2/track.asmx': ['ReturnLead', 'GetReturnReasons', 'GetRejectReasons'],
  '/api/1/get.asmx': ['GetRejectReasons', 'GetReturnReasons'],
  '/buyers/api/1/leads.asmx': ['GetReturnReasons', 'GetRejectReasons'],
}

export interface CakeRoutesOptions {
  keys: KeyChecker
  feedback: FeedbackDeps
  reasons: { active(kind: 'return' | 'reject'): Promise<Reason[]> }
  idempotency: IdempotencyStore
  clock: Clock
}

/** 002: "Invalid API Key — API Key does not exist or is expired". */
const INVALID_API_KEY = 'Invalid API Key'

const SUCCESS_MESSAGE: Record<ReturnType, string> = {
  submit_for_approval: 'Lead Submitted for Approval',
  approve_for_credit: 'Lead Returned for Credit',
  approve_to_replace: 'Lead Returned for Replacement',
  reject: 'Lead Return Rejected',
}

/**
 * CAKE-compatible ReturnLead and reason lists (seed 002). Encapsulated: it reads bodies as text
 * and decodes forms and SOAP itself; refusals answer `success false` with a message (HTTP 200, as
 * CAKE does); unreadable requests answer 4xx in the request's shape (a SOAP Fault for SOAP).
 */
export async function cakeRoutes(
  app: FastifyInstance,
  { keys, feedback: deps, reasons, idempotency, clock }: CakeRoutesOptions,
): Promise<void> {
  documentRoutes(app, describeCakeRoute)
  publicRoutes(app, 'CAKE callers authenticate with their own api_key (cake credentials)')
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))
  app.setErrorHandler((thrown, request, reply) => {
    const error = toLeadflowError(thrown)
    if (error.status >= 500) request.log.error({ err: error.cause ?? error }, 'CAKE call failed')
    const soap = soapOf(request)
    if (soap)
      return reply
        .status(error.status)
        .type(SOAP_CONTENT_TYPE[soap])
        .send(soapFault(soap, error.status < 500, error.message))
    return send(
      reply,
      error.status,
      cakeAnswer(bareShapeOf(request.url), returnLeadFields(false, error.message)),
    )
  })

  guardIdempotencyKeys(app, {
    store: idempotency,
    protocol: 'cake',
    credential: cakeCredential,
    now: () => clock.now(),
  })

  const answer = async (call: CakeCall, clientIp: string): Promise<object> => {
    const key = (call.params.api_key ?? '').trim()
    const check = key ? await keys.check('cake', key, clientIp) : undefined
    if (!check?.ok) return returnLeadFields(false, INVALID_API_KEY)
    if (call.operation !== 'ReturnLead') {
      const kind = call.operation === 'GetReturnReasons' ? 'return' : 'reject'
      return reasonListFields(await reasons.active(kind))
    }
    const params = readReturnLeadParams(call.params)
    if (!params.ok) return returnLeadFields(false, params.message)
    const { api_key: _secret, ...request } = call.params
    const result = await adminReturnLead(deps, {
      leadRef: params.value.leadId,
      verticalId: params.value.verticalId,
      contractId: params.value.buyerContractId,
      returnType: params.value.returnType,
      returnReasonId: params.value.returnReasonId,
      deniedReasonId: params.value.deniedReasonId,
      channel: 'cake',
      request,
      audit: {
        actorKind: 'key',
        actorId: check.credentialId,
        actorLabel: `cake key #${check.credentialId}`,
        ip: clientIp,
      },
    })
    return returnLeadFields(result.ok, result.ok ? SUCCESS_MESSAGE[params.value.returnType] : result.reason)
  }

  for (const [service, operations] of Object.entries(SERVICES)) {
    const namespace = namespaceOf(service)
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      if (asksForWsdl(request)) {
        const location = `${request.protocol}://${request.host}${service}`
        return reply.type('text/xml; charset=utf-8').send(cakeWsdl(operations, namespace, location))
      }
      const call = readCakeCall(request, operations)
      const shape: CakeCallShape = { operation: call.operation, namespace, soap: call.soap }
      return send(reply, 200, cakeAnswer(shape, await answer(call, request.ip)))
    }
    app.route({ method: ['GET', 'POST'], url: service, handler })
    app.route({ method: ['GET', 'POST'], url: `${service}/:op`, handler })
  }
}

/** `GET service.asmx?WSDL` (any case, no value), as ASMX serves its service description. */
function asksForWsdl(request: FastifyRequest): boolean {
  if (request.method !== 'GET' || (request.params as { op?: string }).op !== undefined) return false
  return Object.keys((request.query ?? {}) as object).some((name) => name.toLowerCase() === 'wsdl')
}

/** e.g. /api/2/track.asmx → http://cakemarketing.com/api/2/ (002's sample response namespace). */
function namespaceOf(service: string): string {
  return `http://cakemarketing.com${service.slice(0, service.lastIndexOf('/') + 1)}`
}

/** The answer shape for a request that could not be read: its service and operation from the URL. */
function bareShapeOf(url: string): CakeCallShape {
  const [path = '', search = ''] = url.split('?')
  const service = Object.keys(SERVICES).find((s) => path.startsWith(s)) ?? '/api/2/track.asmx'
  const named = path.slice(service.length + 1) || new URLSearchParams(search).get('op') || ''
  const operation = SERVICES[service]!.find((o) => o.toLowerCase() === named.toLowerCase()) ?? 'ReturnLead'
  return { operation, namespace: namespaceOf(service), soap: null }
}

function send(reply: FastifyReply, status: number, answer: CakeAnswer) {
  return reply.status(status).type(answer.contentType).send(answer.body)
}

/** The `api_key` of a CAKE call, from the query, form or SOAP body: the Idempotency-Key's scope. */
function cakeCredential(request: FastifyRequest): string {
  try {
    return readCakeCall(request, ['ReturnLead', 'GetReturnReasons', 'GetRejectReasons']).params.api_key ?? ''
  } catch {
    return ''
  }
}
