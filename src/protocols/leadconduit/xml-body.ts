import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { LeadflowError } from '../../core/errors.js'

/**
 * Entity expansion is off (no billion-laughs, no external entities) and any DOCTYPE is refused
 * before parsing (DESIGN.md, Dependencies: "fast-xml-parser … with entity expansion disabled").
 * Only the five predefined entities and character references (XML 1.0 §4.6, §4.1) are decoded,
 * by hand, in leaf text, as they can expand to one character only.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
})

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decodeText(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, name: string) => {
    if (name[0] !== '#') return PREDEFINED[name]!
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code <= 0x10ffff ? String.fromCodePoint(code) : ''
  })
}

function decodeTree(value: unknown): unknown {
  if (typeof value === 'string') return decodeText(value)
  if (Array.isArray(value)) return value.map(decodeTree)
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeTree(v)]))
  }
  return value
}

/** Parses an XML request body; malformed XML and any DOCTYPE are LF_BAD_REQUEST. */
export function parseXmlBody(body: string): Record<string, unknown> {
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) {
    throw new LeadflowError('LF_BAD_REQUEST', 'XML with a DOCTYPE or ENTITY declaration is not accepted')
  }
  const valid = XMLValidator.validate(body)
  if (valid !== true) {
    throw new LeadflowError('LF_BAD_REQUEST', `Malformed XML: ${valid.err.msg} (line ${valid.err.line})`)
  }
  return decodeTree(parser.parse(body)) as Record<string, unknown>
}
