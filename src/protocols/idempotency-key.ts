import { hash } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { LeadflowError } from '../core/errors.js'
import type { IdempotencyClaim, IdempotencyStore } from '../core/idempotency/idempotency-store.js'

export interface IdempotencyOptions {
  store: IdempotencyStore
  /** Names the protocol, so one key means different things on different protocols. */
  protocol: string
  /**
   * The credential material of a request (password, token, API key — whatever the protocol
   * authenticates with); hashed into the key's scope, never stored.
   */
  credential(request: FastifyRequest): string
  now(): Date
}

/** Up to 255 visible ASCII characters (Stripe's limit; the IETF draft leaves it open). */
const KEY = /^[\x21-\x7e]{1,255}$/

const claims = new WeakMap<FastifyRequest, IdempotencyClaim>()

const sha256 = (text: string) => hash('sha256', text, 'hex')

/**
 * `Idempotency-Key` on a protocol's write routes (docs/protocols/*.md): added inside the protocol's
 * encapsulated plugin, so its own error handler words the 409s. A first request runs and its
 * answer (status, Content-Type, Location, body) is stored before it is sent; a retry with the same
 * key and the same method, URL and body gets those bytes again with `Idempotent-Replayed: true`;
 * another request under a used key is LF_IDEMPOTENCY_MISMATCH; one while the first still runs is
 * LF_IDEMPOTENCY_IN_PROGRESS. A 5xx answer (a database fault, a crash) is not stored, so the
 * retry runs again. Requests without the header are untouched.
 */
export function guardIdempotencyKeys(app: FastifyInstance, options: IdempotencyOptions): void {
  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key']
    if (header === undefined || request.method === 'GET') return
    const key = Array.isArray(header) ? header[0]! : header
    if (!KEY.test(key)) {
      throw new LeadflowError('LF_BAD_REQUEST', 'Idempotency-Key must be 1 to 255 visible ASCII characters')
    }
    const claim: IdempotencyClaim = {
      scope: sha256(`${options.protocol}\n${options.credential(request)}`),
      key,
      requestHash: sha256(`${request.method} ${request.url}\n${bodyText(request.body)}`),
    }
    const result = await options.store.claim(claim, options.now())
    if (result.kind === 'mismatch') throw new LeadflowError('LF_IDEMPOTENCY_MISMATCH')
    if (result.kind === 'in-progress') {
      reply.header('retry-after', '1')
      throw new LeadflowError('LF_IDEMPOTENCY_IN_PROGRESS')
    }
    if (result.kind === 'replay') {
      const { answer } = result
      reply.header('idempotent-replayed', 'true')
      if (answer.contentType) reply.type(answer.contentType)
      if (answer.location) reply.header('location', answer.location)
      return reply.status(answer.status).send(answer.body)
    }
    claims.set(request, claim)
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const claim = claims.get(request)
    if (!claim) return payload
    claims.delete(request)
    const body =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null
    if (reply.statusCode >= 500 || body === null) {
      await options.store
        .abandon(claim)
        .catch((err) => request.log.warn({ err }, 'idempotency key not released'))
      return payload
    }
    const contentType = reply.getHeader('content-type')
    const location = reply.getHeader('location')
    await options.store
      .finish(
        claim,
        {
          status: reply.statusCode,
          contentType: typeof contentType === 'string' ? contentType : null,
          location: typeof location === 'string' ? location : null,
          body,
        },
        options.now(),
      )
      .catch((err) => request.log.error({ err }, 'idempotency answer not stored'))
    return payload
  })
}

/** The body as the request hash sees it: raw text where the plugin keeps it, else its parsed form. */
function bodyText(body: unknown): string {
  if (body === undefined || body === null) return ''
  if (typeof body === 'string') return body
  return JSON.stringify(body)
}

/** Default credential material: the Authorization and X-API-Key headers. */
export function headerCredential(request: FastifyRequest): string {
  const { authorization, 'x-api-key': apiKey } = request.headers
  return `${authorization ?? ''}\n${apiKey ?? ''}`
}
