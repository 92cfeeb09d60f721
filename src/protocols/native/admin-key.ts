import type { FastifyReply, FastifyRequest } from 'fastify'
import type { KeyChecker } from '../../core/credentials/key-checker.js'
import { LeadflowError } from '../../core/errors.js'
import { bearerToken } from '../../http/bearer-token.js'

/** OpenAPI security requirement for admin routes (see build-app.ts securitySchemes). */
export const ADMIN_SECURITY = [{ admin: [] }]

/**
 * onRequest/preHandler hook for every native admin route: `Authorization: Bearer <admin key>`,
 * checked through the key service. Unknown, revoked and expired keys all answer 401 with the reason.
 */
export function requireAdminKey(keys: KeyChecker) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization)
    if (!token)
      throw new LeadflowError('LF_UNAUTHORIZED', 'Send the admin API key as "Authorization: Bearer <key>"')
    const check = await keys.check('admin', token)
    if (!check.ok) throw new LeadflowError('LF_UNAUTHORIZED', `Admin API key is ${check.reason}`)
  }
}
