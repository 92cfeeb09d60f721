import { getPath } from './value-paths.js'
import { selectXPath } from './xml.js'

/** A response body read once, as JSON and XML when it parses as either. */
export interface ParsedBody {
  text: string
  json: unknown
  xml: unknown
}

/**
 * Reads one value from a response: `json:a.b[0]`, `xpath:/r/price` or `regex:price=(\d+)` (the
 * first group, else the whole match). Returns undefined when absent; throws only for a rule that
 * needs a JSON/XML body the answer does not have (the caller turns that into an `error`).
 */
export function extract(body: ParsedBody, rule: string): string | undefined {
  const colon = rule.indexOf(':')
  const kind = colon > 0 ? rule.slice(0, colon) : 'json'
  const arg = colon > 0 ? rule.slice(colon + 1) : rule
  if (kind === 'regex') {
    const m = new RegExp(arg, 'i').exec(body.text)
    return m ? (m[1] ?? m[0]) : undefined
  }
  if (kind === 'xpath') {
    if (body.xml === undefined) throw new Error('response is not XML')
    return scalar(selectXPath(body.xml, arg))
  }
  if (body.json === undefined) throw new Error('response is not JSON')
  return scalar(getPath(body.json, arg))
}

function scalar(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** `/pattern/flags` is a regular expression; anything else is a case-insensitive substring. */
export function termMatches(term: string, text: string): boolean {
  const re = /^\/(.+)\/([a-z]*)$/s.exec(term)
  if (re) return new RegExp(re[1] ?? '', re[2]).test(text)
  return text.toLowerCase().includes(term.toLowerCase())
}
