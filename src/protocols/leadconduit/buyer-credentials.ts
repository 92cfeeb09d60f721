import type { FastifyRequest } from 'fastify'
import type { KeyChecker } from '../../core/credentials/key-checker.js'
import { LeadflowError } from '../../core/errors.js'
import { bearerToken } from '../../http/bearer-token.js'

/**
 * 000 makes the event id itself the buyer's identity ("it reveals who is providing the
 * feedback"), so no credentials are required. A buyer that sends its API key anyway
 * (`Authorization: Bearer <key>`, or HTTP Basic with the key as password, as LeadConduit's own
 * API takes it) gets it checked, and may then only give feedback on its own event ids.
 * Returns the buyer id, or null when no key was sent.
 */
export async function presentedBuyerId(keys: KeyChecker, request: FastifyRequest): Promise<number | null> {
  const header = request.headers.authorization
  const key = bearerToken(header) ?? basicPassword(header)
  if (header !== undefined && key === undefined) {
    throw new LeadflowError('LF_UNAUTHORIZED', 'Send the buyer API key as "Authorization: Bearer <key>"')
  }
  if (key === undefined) return null
  const check = await keys.check('buyer', key, request.ip)
  if (!check.ok) throw new LeadflowError('LF_UNAUTHORIZED', `Buyer API key is ${check.reason}`)
  return check.ownerId
}

function basicPassword(header: string | undefined): string | undefined {
  const match = header?.match(/^\s*Basic\s+([A-Za-z0-9+/=]+)\s*$/i)
  if (!match) return undefined
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : undefined
}
