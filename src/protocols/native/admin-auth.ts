import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AdminAuth } from '../../core/config/credential-admin.js'
import { LeadflowError } from '../../core/errors.js'
import { bearerToken } from '../../http/bearer-token.js'

/**
 * onRequest/preHandler hook for every native admin route: `Authorization: Bearer <admin key>`.
 * Unknown, revoked and expired keys all answer 401 with the reason in the message
 * (core/config/credential-admin.ts). Takes anything carrying `adminAuth`: the admin services,
 * or the legacy bag of route files not yet moved.
 */
export function requireAdmin({ adminAuth }: { adminAuth: AdminAuth }) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization)
    if (!token)
      throw new LeadflowError('LF_UNAUTHORIZED', 'Send the admin API key as "Authorization: Bearer <key>"')
    await adminAuth.verifyAdminKey(token)
  }
}

/** OpenAPI security requirement for admin routes (see build-app.ts securitySchemes). */
export const ADMIN_SECURITY = [{ admin: [] }]
