import { hash } from 'node:crypto'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { LeadflowError } from '../core/errors.js'
import type { RateCounter } from '../core/limits/rate-counter.js'
import '../protocols/credential-of.js'

const WINDOW_MS = 60_000
const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics'])

/**
 * Per-IP (onRequest) and per-credential (preHandler, once the body names the source) limits with
 * @fastify/rate-limit. The plugin throws LF_RATE_LIMITED after setting Retry-After; the route's own
 * protocol error handler renders it (LeadExec PostResponse, LeadConduit/CAKE documents, native
 * JSON), because Fastify hands a hook's error to the handler of the context the route lives in.
 * Added before the protocols are mounted, so every route inherits both hooks.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  config: Config,
  counter: RateCounter | null,
): Promise<void> {
  const { rateLimitPerIp, rateLimitPerCredential } = config.security
  if (rateLimitPerIp === 0 && rateLimitPerCredential === 0) return
  await app.register(rateLimit, {
    global: false,
    timeWindow: WINDOW_MS,
    ...(counter ? { store: sharedStore(counter) } : {}),
    allowList: (request) => UNLIMITED.has(request.url.split('?')[0]!),
  })
  // createRateLimit rather than rateLimit: the plugin lets only one of its hooks run per request,
  // and this one request must pass two limits.
  const limits: Array<['onRequest' | 'preHandler', Limit]> = []
  if (rateLimitPerIp > 0) limits.push(['onRequest', limiter(app, rateLimitPerIp, (r) => `ip:${r.ip}`)])
  if (rateLimitPerCredential > 0) {
    // A key in a header or the query counts before authentication (a wrong-key flood meets the
    // limit, not the key check); a source named in the body counts once the body is parsed.
    limits.push(['onRequest', limiter(app, rateLimitPerCredential, presentedKey)])
    limits.push(['preHandler', limiter(app, rateLimitPerCredential, bodyCredential)])
  }
  for (const [hook, limit] of limits)
    app.addHook(hook, async (request, reply) => {
      const wait = await limit(request)
      if (wait === null) return
      reply.header('retry-after', wait)
      throw Object.assign(new LeadflowError('LF_RATE_LIMITED', `Too many requests; retry after ${wait} s`), {
        statusCode: 429,
      })
    })
}

/** Seconds to wait when the request is over its limit, else null. */
type Limit = (request: FastifyRequest) => Promise<number | null>

function limiter(app: FastifyInstance, max: number, key: (r: FastifyRequest) => string | undefined): Limit {
  const check = app.createRateLimit({ max, timeWindow: WINDOW_MS, keyGenerator: (r) => key(r) ?? '' })
  return async (request) => {
    if (key(request) === undefined) return null
    const result = await check(request)
    return !result.isAllowed && result.isExceeded ? Math.max(1, result.ttlInSeconds) : null
  }
}

/** An API key presented in a header or the query string (hashed: the key itself is never kept). */
export function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization ?? request.headers['x-api-key']
  const header = Array.isArray(auth) ? auth[0] : auth
  if (header) return `key:${digest(header)}`
  const query = (request.query ?? {}) as Record<string, unknown>
  for (const name of ['api_key', 'key'])
    if (typeof query[name] === 'string') return `key:${digest(query[name])}`
  return undefined
}

/** The credential only the protocol can find in the body (route config `credentialOf`). */
function bodyCredential(request: FastifyRequest): string | undefined {
  if (presentedKey(request)) return undefined
  return request.routeOptions.config.credentialOf?.(request)
}

function digest(secret: string): string {
  return hash('sha256', secret, 'hex').slice(0, 32)
}

/** @fastify/rate-limit's store contract over the shared RateCounter port. */
function sharedStore(counter: RateCounter) {
  return class SharedStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      windowMs: number,
    ) {
      counter.hit(key, windowMs).then(
        (r) => callback(null, { current: r.count, ttl: r.ttlMs }),
        (error: unknown) => callback(error as Error),
      )
    }
    child() {
      return new SharedStore()
    }
  }
}
