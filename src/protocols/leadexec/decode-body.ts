import { stripNul } from '../strip-nul.js'
import type { RawBody } from './body-parsers.js'
import { decodeForm } from './decode-form.js'
import { decodeJson } from './decode-json.js'
import { decodeXml } from './decode-xml.js'
import { type Decoded, withQueryParams } from './leadexec-request.js'

/**
 * Any LeadExec body (or none: all parameters in the query string) → a decoded request, with NUL
 * stripped from every value (strip-nul.ts).
 */
export function decodeBody(body: unknown, query: unknown): Decoded {
  const decoded = decodeRaw(body, query)
  return decoded.ok ? stripNul(decoded) : decoded
}

function decodeRaw(body: unknown, query: unknown): Decoded {
  const q = (query ?? {}) as Record<string, unknown>
  const raw = body as RawBody | undefined
  if (!raw || raw.encoding === 'form') return decodeForm(raw?.text, q)
  const decoded = raw.encoding === 'xml' ? decodeXml(raw.text) : decodeJson(raw.text)
  if (!decoded.ok) return decoded
  const strings = Object.fromEntries(
    Object.entries(q).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
  )
  return { ok: true, request: withQueryParams(decoded.request, strings) }
}
