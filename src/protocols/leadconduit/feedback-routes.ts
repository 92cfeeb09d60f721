import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { KeyChecker } from '../../core/credentials/key-checker.js'
import { LeadflowError } from '../../core/errors.js'
import { type FeedbackDeps, submitBuyerFeedback } from '../../core/feedback/buyer-feedback.js'
import type { IdempotencyStore } from '../../core/idempotency/idempotency-store.js'
import type { Clock } from '../../core/ports.js'
import { toLeadflowError } from '../../http/error-handler.js'
import { publicRoutes } from '../../http/route-permission.js'
import { documentRoutes } from '../documented-routes.js'
import { guardIdempotencyKeys, headerCredential } from '../idempotency-key.js'
import { withoutNul } from '../strip-nul.js'
import { presentedBuyerId } from './buyer-credentials.js'
import { bodyFormat, decodeFeedback } from './decode-feedback.js'
import {
  CONTENT_TYPES,
  chooseFormat,
  encodeResult,
  type FeedbackResult,
  type ResultFormat,
} from './encode-result.js'
import { describeLeadconduitRoute } from './openapi-docs.js'

export interface LeadconduitRoutesOptions {
  keys: KeyChecker
  feedback: FeedbackDeps
  idempotency: IdempotencyStore
  clock: Clock
}

/**
 * LeadConduit-compatible feedback: `POST /feedback?event_id=…` (seed 000). An encapsulated plugin:
 * it reads every body as text and decodes it by Content-Type itself, and answers every error in
 * the document's own `outcome: error` shape, in the format the Accept header asks for.
 */
export async function leadconduitRoutes(
  app: FastifyInstance,
  { keys, feedback: deps, idempotency, clock }: LeadconduitRoutesOptions,
): Promise<void> {
  documentRoutes(app, describeLeadconduitRoute)
  publicRoutes(app, 'the event id identifies the buyer; a buyer key, when sent, is checked here')
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))
  app.setErrorHandler((thrown, request, reply) => {
    const error = toLeadflowError(thrown)
    if (error.status >= 500) request.log.error({ err: error.cause ?? error }, 'feedback failed')
    return send(reply, replyFormat(request), error.status, { outcome: 'error', reason: error.message })
  })

  guardIdempotencyKeys(app, {
    store: idempotency,
    protocol: 'leadconduit',
    credential: headerCredential,
    now: () => clock.now(),
  })

  app.post('/feedback', async (request, reply) => {
    const eventId = firstString((request.query as Record<string, unknown>).event_id)
    if (!eventId) throw new LeadflowError('LF_BAD_REQUEST', 'event_id is required: POST /feedback?event_id=…')
    const buyerId = await presentedBuyerId(keys, request)
    const fields = decodeFeedback(request.headers['content-type'], request.body as string | undefined)
    const result = await submitBuyerFeedback(deps, {
      eventId,
      type: fields.type,
      reason: fields.reason,
      buyerId,
    })
    const answer: FeedbackResult =
      result.outcome === 'success' ? { outcome: 'success' } : { outcome: 'failure', reason: result.reason }
    return send(reply, replyFormat(request), 200, answer)
  })
}

/** The Accept header decides; without one, answer in the format the request was sent in. */
function replyFormat(request: FastifyRequest): ResultFormat {
  let fallback: ResultFormat = 'json'
  try {
    if (bodyFormat(request.headers['content-type']) === 'xml') fallback = 'xml'
  } catch {
    // An unsupported Content-Type answers JSON unless Accept says otherwise.
  }
  return chooseFormat(request.headers.accept, fallback)
}

function send(reply: FastifyReply, format: ResultFormat, status: number, result: FeedbackResult) {
  return reply.status(status).type(CONTENT_TYPES[format]).send(encodeResult(result, format))
}

/** The first value of a query parameter, trimmed and without NUL (strip-nul.ts). */
function firstString(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value
  const text = typeof v === 'string' ? withoutNul(v).trim() : ''
  return text !== '' ? text : undefined
}
