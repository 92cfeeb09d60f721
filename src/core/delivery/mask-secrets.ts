import type { OutboundRequest } from '../ports.js'
import type { Auth } from './delivery-settings.js'

export const SECRET_HEADER = /authorization|api[-_]?key|token|secret|password|cookie/i
const MASK = '***'

/**
 * The request as it is stored in an event: credentials replaced by `***` wherever they appear
 * (headers, URL, body), so the event trail can be shown to operators and partners.
 */
export function maskRequest(request: OutboundRequest, auth?: Auth, extraSecrets: readonly string[] = []) {
  const secrets = [auth?.password, auth?.token, ...extraSecrets].filter(
    (s): s is string => !!s && s.length >= 3,
  )
  const scrub = (text: string) => secrets.reduce((t, s) => t.split(s).join(MASK), text)
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(request.headers ?? {})) {
    headers[k] = SECRET_HEADER.test(k) ? maskHeader(v) : scrub(v)
  }
  return {
    method: request.method,
    url: scrub(request.url),
    headers,
    body: request.body ? scrub(request.body) : null,
  }
}

/** Keeps the scheme of an Authorization header (`Basic ***`) so the trail still says which one. */
function maskHeader(value: string): string {
  const scheme = /^(Basic|Bearer)\s/i.exec(value)
  return scheme ? `${scheme[1]} ${MASK}` : MASK
}
