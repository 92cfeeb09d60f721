/**
 * JSON as Comunik8 partners send it. The Leads API's own examples, sent as written, are not JSON:
 * the test example lacks the comma before `"test": true`, the cancel example ends its object with
 * a trailing comma, and every `data` value is written `"{\\"vehicle_make\\":…}"`, whose `\\"`
 * ends the string (Comunik8 Leads API, Examples). A client that copied them works against
 * Comunik8, so a body that is not valid JSON gets exactly these repairs before it is rejected
 * (docs/compat.md, Comunik8). Valid JSON is never rewritten.
 */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (strictError) {
    try {
      return JSON.parse(repairJson(text))
    } catch {
      throw strictError
    }
  }
}

const VALUE_END = /["\d}\]el]/
const VALUE_START = /["{[]/

/** Applies the three repairs; see parseLenientJson. */
export function repairJson(text: string): string {
  const src = text.replaceAll('\\\\"', '\\"')
  let out = ''
  let inString = false
  let lastSignificant = ''
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]
    if (inString) {
      out += ch
      if (ch === '\\') out += src[++i] ?? ''
      else if (ch === '"') inString = false
      if (!inString) lastSignificant = '"'
      continue
    }
    if (ch === ',' && /[}\]]/.test(nextSignificant(src, i + 1))) continue
    if (ch === '\n' && VALUE_END.test(lastSignificant) && VALUE_START.test(nextSignificant(src, i + 1))) {
      out += ','
      lastSignificant = ','
    }
    if (ch === '"') inString = true
    else if (!/\s/.test(ch)) lastSignificant = ch
    out += ch
  }
  return out
}

function nextSignificant(src: string, from: number): string {
  for (let i = from; i < src.length; i++) if (!/\s/.test(src[i])) return src[i]
  return ''
}
