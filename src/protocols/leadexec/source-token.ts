import type { IncomingHttpHeaders } from 'node:http'
import { bearerToken } from '../../http/bearer-token.js'

/**
 * The source's token: `Authorization: Bearer …` as the examples send it, or the `access_token`
 * header, since the parameter tables give access_token the position "header" (seed 003, Request
 * Parameters of every method). Bearer wins when both are sent.
 */
export function sourceToken(headers: IncomingHttpHeaders): string | undefined {
  const bearer = bearerToken(headers.authorization)
  if (bearer) return bearer
  const raw = headers.access_token
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim()
  return value ? value : undefined
}
