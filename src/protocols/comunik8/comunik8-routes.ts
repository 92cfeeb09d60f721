import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { KeyChecker } from '../../core/credentials/key-checker.js'
import { addLead } from '../../core/dialler/add-lead.js'
import type { CallQueueStore } from '../../core/dialler/call-queue-store.js'
import { cancelLead } from '../../core/dialler/cancel-lead.js'
import { coerceError, LeadflowError } from '../../core/errors.js'
import type { IdempotencyStore } from '../../core/idempotency/idempotency-store.js'
import type { Clock } from '../../core/ports.js'
import { jsonErrorHandler } from '../../http/error-handler.js'
import { assertJsonDepth } from '../../http/json-depth.js'
import { publicRoutes } from '../../http/route-permission.js'
import { documentRoutes } from '../documented-routes.js'
import { guardIdempotencyKeys } from '../idempotency-key.js'
import { stripNul } from '../strip-nul.js'
import {
  CANCEL_WARNINGS,
  isJsonObject,
  NOT_PROCESSED_MESSAGES,
  renderFieldErrors,
  toAddLeadCommand,
  toCancelLeadCommand,
} from './comunik8-body.js'
import { requireDiallerKey } from './dialler-key.js'
import { parseLenientJson } from './lenient-json.js'
import { describeComunik8Route } from './openapi-docs.js'

export interface Comunik8RoutesOptions {
  keys: KeyChecker
  callQueue: CallQueueStore
  clock: Clock
  idempotency: IdempotencyStore
}

/**
 * The Comunik8 Leads API (docs/protocols/comunik8.md): POST /lead/add and /lead/cancel with a JSON
 * body and `?key=`. Encapsulated: its JSON parser (lenient, see lenient-json.ts; NUL stripped,
 * see strip-nul.ts) and its answers apply to these two routes only. Transport errors (key,
 * content type, size, unparseable body) use the native JSON error shape, since the document
 * describes none.
 */
export async function comunik8Routes(
  app: FastifyInstance,
  { keys, callQueue: store, clock, idempotency }: Comunik8RoutesOptions,
) {
  publicRoutes(app, 'diallers authenticate with their dialler key (requireDiallerKey below)')
  // JSON only (docs/protocols/comunik8.md, Transport errors): Fastify's default text/plain
  // parser would hand a string to the routes, answered 400 instead of the documented 415.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    const body = String(text)
    if (body.trim() === '') return done(null, {})
    try {
      assertJsonDepth(body)
      done(null, stripNul(parseLenientJson(body)))
    } catch (error) {
      done(
        new LeadflowError('LF_BAD_REQUEST', `Body is not valid JSON: ${(error as Error).message}`),
        undefined,
      )
    }
  })
  app.setErrorHandler(jsonErrorHandler)
  documentRoutes(app, describeComunik8Route)
  app.addHook('onRequest', requireDiallerKey(keys))
  guardIdempotencyKeys(app, {
    store: idempotency,
    protocol: 'comunik8',
    credential: (request) => String((request.query as Record<string, unknown>).key ?? ''),
    now: () => clock.now(),
  })

  app.post('/lead/add', async (request, reply) => {
    const body = objectBody(request)
    try {
      const outcome = await addLead(store, clock, toAddLeadCommand(body), body)
      switch (outcome.kind) {
        case 'invalid':
          return reply.status(400).send(renderFieldErrors(outcome.errors))
        case 'test_ok':
          return { test: 'ok' }
        case 'processed':
          return { saved: true, processed: true }
        case 'not_processed':
          return { saved: true, processed: false, error: NOT_PROCESSED_MESSAGES[outcome.reason] }
      }
    } catch (thrown) {
      return serverError(request, reply, thrown, {
        saved: false,
        processed: false,
        error: 'server error (save)',
      })
    }
  })

  app.post('/lead/cancel', async (request, reply) => {
    const body = objectBody(request)
    try {
      const outcome = await cancelLead(store, clock, toCancelLeadCommand(body))
      switch (outcome.kind) {
        case 'invalid':
          return reply.status(400).send(renderFieldErrors(outcome.errors))
        case 'cancelled':
          return { cancelled: true }
        default:
          return { cancelled: false, warning: CANCEL_WARNINGS[outcome.kind] }
      }
    } catch (thrown) {
      return serverError(request, reply, thrown, { cancelled: false, warning: CANCEL_WARNINGS.failed })
    }
  })
}

/** No body (or no Content-Type) is an empty lead, answered with the per-field messages. */
function objectBody(request: FastifyRequest): Record<string, unknown> {
  const body = request.body ?? {}
  if (!isJsonObject(body)) throw new LeadflowError('LF_BAD_REQUEST', 'The body must be a JSON object')
  return body
}

/** "HTTP Status: 500 Internal Server Error" (Response, Error) with the document's body shape. */
function serverError(request: FastifyRequest, reply: FastifyReply, thrown: unknown, body: object) {
  request.log.error({ err: coerceError(thrown) }, 'comunik8 request failed')
  return reply.status(500).send(body)
}
