import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AuditReader } from '../../core/accounts/account-stores.js'
import { auditContextOf, type Caller } from '../../core/accounts/caller.js'
import type { Sessions } from '../../core/accounts/sessions.js'
import type { UserAdmin } from '../../core/accounts/user-admin.js'
import { LeadflowError } from '../../core/errors.js'
import { CSRF_COOKIE, SESSION_COOKIE } from '../../http/authorize.js'
import { acceptJsonOnly } from '../../http/json-depth.js'
import {
  BEGIN_TOTP,
  CONFIRM_TOTP,
  DISABLE_TOTP,
  GET_ME,
  GET_USER,
  INVITE_USER,
  LIST_AUDIT,
  LIST_USERS,
  RESET_USER,
  SET_PASSWORD,
  SIGN_IN,
  SIGN_OUT,
  UPDATE_USER,
} from './account-schemas.js'

export interface AccountsRoutesOptions {
  accounts: { sessions: Sessions; users: UserAdmin; audit: AuditReader }
}

/** The route's caller; the authorize hook has set it on every route that is not public. */
function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new LeadflowError('LF_UNAUTHORIZED')
  return request.caller
}

function userIdOf(request: FastifyRequest): number {
  const caller = callerOf(request)
  if (caller.kind !== 'user')
    throw new LeadflowError('LF_FORBIDDEN', 'Only a signed-in user has a password and two-factor settings')
  return caller.id
}

const audit = (request: FastifyRequest) => auditContextOf(request.caller ?? undefined, request.ip)

function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  csrf: string,
  expires: Date,
) {
  const secure = request.protocol === 'https'
  // HttpOnly: page scripts never see the session; SameSite=Strict: other sites' requests never carry it.
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, expires })
  // Readable by the console's own script, which echoes it in X-CSRF-Token.
  reply.setCookie(CSRF_COOKIE, csrf, { path: '/', httpOnly: false, sameSite: 'strict', secure, expires })
}

/** Sessions, the signed-in caller, users and the audit log (docs/accounts.md). */
export async function accountsRoutes(
  app: FastifyInstance,
  { accounts }: AccountsRoutesOptions,
): Promise<void> {
  acceptJsonOnly(app)
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { sessions, users } = accounts
  const signedIn = { permission: 'signed-in' } as const

  // Public: the credentials are in the body (and checked at the cost of one scrypt).
  r.post('/session', { config: { permission: 'public' }, schema: SIGN_IN }, async (request, reply) => {
    const done = await sessions.signIn(request.body, request.ip)
    setSessionCookies(request, reply, done.token, done.csrf, done.expiresAt)
    return { user: done.user, csrf_token: done.csrf, expires_at: done.expiresAt.toISOString() }
  })

  r.delete('/session', { config: signedIn, schema: SIGN_OUT }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token) await sessions.signOut(token)
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' })
    return reply.status(204).send(null)
  })

  r.get('/me', { config: signedIn, schema: GET_ME }, async (request) => {
    const caller = callerOf(request)
    const me = {
      kind: caller.kind,
      id: caller.id,
      label: caller.label,
      role: caller.role,
      permissions: [...caller.permissions],
      buyer_id: caller.buyerId,
      source_id: caller.sourceId,
    }
    return caller.kind === 'user' ? { ...me, user: await users.get(caller.id) } : me
  })

  // Public: the one-time token in the body is the credential.
  r.post('/password', { config: { permission: 'public' }, schema: SET_PASSWORD }, (request) =>
    users.redeem(request.body.token, request.body.password),
  )

  r.post('/me/totp', { config: signedIn, schema: BEGIN_TOTP }, (request) =>
    users.beginTotp(userIdOf(request), audit(request)),
  )
  r.post('/me/totp/confirm', { config: signedIn, schema: CONFIRM_TOTP }, (request) =>
    users.confirmTotp(userIdOf(request), request.body.code, audit(request)),
  )
  r.delete('/me/totp', { config: signedIn, schema: DISABLE_TOTP }, (request) =>
    users.disableTotp(userIdOf(request), request.body.code, audit(request)),
  )

  r.get('/users', { config: { permission: 'users:read' }, schema: LIST_USERS }, async () => ({
    items: await users.list(),
  }))
  r.get('/users/:id', { config: { permission: 'users:read' }, schema: GET_USER }, (request) =>
    users.get(request.params.id),
  )
  r.post('/users', { config: { permission: 'users:write' }, schema: INVITE_USER }, async (request, reply) =>
    reply.status(201).send(await users.invite(request.body, callerOf(request), audit(request))),
  )
  r.patch('/users/:id', { config: { permission: 'users:write' }, schema: UPDATE_USER }, (request) =>
    users.update(request.params.id, request.body, callerOf(request), audit(request)),
  )
  r.post('/users/:id/reset', { config: { permission: 'users:write' }, schema: RESET_USER }, (request) =>
    users.reset({ id: request.params.id }, audit(request)),
  )

  r.get('/audit', { config: { permission: 'audit:read' }, schema: LIST_AUDIT }, async (request) => {
    const q = request.query
    const limit = q.limit ?? 100
    const items = await accounts.audit.list({
      actorKind: q.actor_kind,
      actorId: q.actor_id,
      action: q.action,
      resource: q.resource,
      resourceId: q.resource_id,
      from: q.from && new Date(q.from).toISOString(),
      to: q.to && new Date(q.to).toISOString(),
      beforeId: q.cursor === undefined ? undefined : Number(q.cursor),
      limit,
    })
    const last = items.at(-1)
    return { items, next_cursor: items.length === limit && last ? String(last.id) : null }
  })
}
