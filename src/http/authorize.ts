import { timingSafeEqual } from 'node:crypto'
import type {} from '@fastify/cookie'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Caller } from '../core/accounts/caller.js'
import { isRoutePermission, PUBLIC, SIGNED_IN } from '../core/accounts/permissions.js'
import type { CallerResolver } from '../core/accounts/resolve-caller.js'
import { LeadflowError } from '../core/errors.js'
import { hashSecret } from '../core/secrets.js'
import { bearerToken } from './bearer-token.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking (src/core/accounts/caller.ts); set by authorize() on every non-public route. */
    caller: Caller | null
  }
}

export const SESSION_COOKIE = 'lf_session'
export const CSRF_COOKIE = 'lf_csrf'
export const CSRF_HEADER = 'x-csrf-token'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

async function resolve(resolver: CallerResolver, request: FastifyRequest): Promise<Caller> {
  const token = bearerToken(request.headers.authorization)
  if (request.headers.authorization !== undefined && !token)
    throw new LeadflowError('LF_UNAUTHORIZED', 'Send the API key as "Authorization: Bearer <key>"')
  if (token) {
    const found = await resolver.byKey(token, request.ip)
    if (!found.ok) throw new LeadflowError('LF_UNAUTHORIZED', found.reason)
    return found.caller
  }
  const session = request.cookies?.[SESSION_COOKIE]
  if (!session)
    throw new LeadflowError('LF_UNAUTHORIZED', 'Sign in, or send an API key as "Authorization: Bearer <key>"')
  const found = await resolver.bySession(session)
  if (!found.ok) throw new LeadflowError('LF_UNAUTHORIZED', found.reason)
  // A cookie rides along on any request the browser makes, a forged one included; the CSRF token
  // only reaches a page of our own origin (OWASP CSRF cheat sheet, "Signed double-submit cookie").
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER]
    const sent = typeof header === 'string' ? header : ''
    if (!sent || !found.csrfHash || !sameHash(hashSecret(sent), found.csrfHash))
      throw new LeadflowError('LF_CSRF', `Send the session's CSRF token in the ${CSRF_HEADER} header`)
  }
  return found.caller
}

/**
 * The one onRequest hook that decides who may call which route (docs/accounts.md): it runs
 * before any body is read or validated, resolves the caller from `Authorization: Bearer <key>`
 * or the session cookie, and checks the permission the route declares in its config. A route
 * that declares none is refused: deny by default.
 */
export function authorize(resolver: CallerResolver) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (request.is404) return
    const permission = request.routeOptions.config.permission
    if (permission === PUBLIC) return
    if (!isRoutePermission(permission))
      throw new LeadflowError('LF_FORBIDDEN', 'This route declares no permission, so nobody may call it')
    const caller = await resolve(resolver, request)
    request.caller = caller
    if (permission === SIGNED_IN || caller.permissions.has(permission)) return
    throw new LeadflowError('LF_FORBIDDEN', `${caller.label} lacks the permission "${permission}"`)
  }
}
