import type { FastifyRequest } from 'fastify'
import type { KeyChecker } from '../../core/credentials/key-checker.js'
import { LeadflowError } from '../../core/errors.js'

/**
 * `?key=API_KEY` (Comunik8 Leads API, Request URL): a credential with owner_kind 'dialler'. The
 * document gives no shape for a bad key, so it is the native 401 JSON error.
 */
export function requireDiallerKey(keys: KeyChecker) {
  return async (request: FastifyRequest) => {
    const raw = (request.query as Record<string, unknown> | undefined)?.key
    const key = Array.isArray(raw) ? raw[0] : raw
    if (typeof key !== 'string' || key === '') {
      throw new LeadflowError('LF_UNAUTHORIZED', 'Missing API key: call /lead/add?key=API_KEY')
    }
    const check = await keys.check('dialler', key, request.ip)
    if (!check.ok) throw new LeadflowError('LF_UNAUTHORIZED', `API key is ${check.reason}`)
  }
}
