import { setOwn } from '../../core/leads/own-record.js'
import { stripNul } from '../strip-nul.js'
import type { RawBody } from './body-parsers.js'
import { decodeForm } from './decode-form.js'
import { decodeJson } from './decode-json.js'
import { decodeXml } from './decode-xml.js'
import { type Decoded, withQueryParams } from './leadexec-request.js'

/**
 * Any LeadExec body (or none: all parameters in the query string) → a decoded request, with NUL
 * stripped from every value (strip-nul.ts).
 *
 * Decoded once per request: the per-credential rate limit (twice: its key, then its key
 * generator), the Idempotency-Key scope and the route all ask for it: three decodes of every JSON
 * post, about 4 µs each (docs/performance.md, round 5). Kept beside the body object the parser made
 * for this request (body-parsers.ts), for the same query object; every caller runs before the
 * handler and only reads the result.
 */
export function decodeBody(body: unknown, query: unknown): Decoded {
  if (body === null || typeof body !== 'object') return decodeFresh(body, query)
  const kept = decodedBodies.get(body)
  if (kept && kept.query === query) return kept.decoded
  const decoded = decodeFresh(body, query)
  decodedBodies.set(body, { query, decoded })
  return decoded
}

const decodedBodies = new WeakMap<object, { query: unknown; decoded: Decoded }>()

function decodeFresh(body: unknown, query: unknown): Decoded {
  const decoded = decodeRaw(body, query)
  return decoded.ok ? stripNul(decoded) : decoded
}

function decodeRaw(body: unknown, query: unknown): Decoded {
  const q = (query ?? {}) as Record<string, unknown>
  const raw = body as RawBody | undefined
  if (!raw || raw.encoding === 'form') return decodeForm(raw?.text, q)
  const decoded = raw.encoding === 'xml' ? decodeXml(raw.text) : decodeJson(raw.text)
  if (!decoded.ok) return decoded
  return { ok: true, request: withQueryParams(decoded.request, queryStrings(q)) }
}

/** The query's values as strings (the first of a repeated name), keys as given. */
function queryStrings(q: Record<string, unknown>): Record<string, string> {
  const strings: Record<string, string> = {}
  for (const key in q) {
    if (!Object.hasOwn(q, key)) continue
    const value = q[key]
    setOwn(strings, key, String(Array.isArray(value) ? value[0] : value))
  }
  return strings
}
