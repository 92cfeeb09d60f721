import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Leadflow } from '../../app/leadflow.js'
import { LeadflowError } from '../../core/errors.js'
import { bearerToken } from '../../http/bearer-token.js'
import { checkCredential } from '../../storage/credential-store.js'

/**
 * preHandler for every native admin route: `Authorization: Bearer <admin key>`. Unknown,
 * revoked and expired keys all answer 401 with the reason in the message.
 */
export function requireAdmin(lf: Leadflow) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const token = bearerToken(request.headers.authorization)
    if (!token)
      throw new LeadflowError('LF_UNAUTHORIZED', 'Send the admin API key as "Authorization: Bearer <key>"')
    const check = await checkCredential(lf.db, 'admin', token, lf.clock.now())
    if (!check.ok) throw new LeadflowError('LF_UNAUTHORIZED', `Admin API key is ${check.reason}`)
  }
}

/** OpenAPI security requirement for admin routes (see build-app.ts securitySchemes). */
export const ADMIN_SECURITY = [{ admin: [] }]
