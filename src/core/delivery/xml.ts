import { XMLBuilder } from 'fast-xml-parser'
import { safeXmlReader } from '../safe-xml.js'
import { getPath } from './value-paths.js'

/**
 * XML in and out with fast-xml-parser. Attributes are `@name` keys on both sides; namespace
 * prefixes are dropped when reading (a SOAP answer's `soap:Body` is read as `Body`). Buyers'
 * answers are read by the shared safe reader (core/safe-xml.ts): no DOCTYPE, entities not
 * expanded (DESIGN.md: XML with entity expansion disabled), nesting capped.
 */
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  suppressEmptyNode: false,
})
const readXml = safeXmlReader({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
})

export function buildXml(value: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build(value)}`
}

/** The parsed document, or null when the text is not XML the safe reader accepts. Never throws. */
export function parseXml(text: string): Record<string, unknown> | null {
  if (!text.trim().startsWith('<')) return null
  const read = readXml(text)
  return read.ok ? read.doc : null
}

/**
 * A simple XPath: `/a/b/c`, `//c` (first element named c anywhere), `/a/b/@attr`, `/a/b[1]`
 * (1-based), `text()` ignored. Enough for buyer answers; no predicates on values.
 */
export function selectXPath(doc: unknown, xpath: string): unknown {
  const path = xpath.replace(/\/text\(\)$/, '')
  if (path.startsWith('//')) return findDeep(doc, path.slice(2).split('/'))
  const steps = path
    .replace(/^\//, '')
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/\[(\d+)\]$/, (_, n: string) => `.${Number(n) - 1}`))
  return textOf(getPath(doc, steps.join('.')))
}

function findDeep(node: unknown, steps: string[]): unknown {
  if (node === null || typeof node !== 'object') return undefined
  const direct = textOf(getPath(node, steps.join('.')))
  if (direct !== undefined) return direct
  for (const child of Object.values(node)) {
    const hit = findDeep(child, steps)
    if (hit !== undefined) return hit
  }
  return undefined
}

/** An element with attributes and text parses as `{ '#text': …, '@a': … }`; XPath wants the text. */
function textOf(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '#text' in value) return (value as any)['#text']
  if (Array.isArray(value)) return textOf(value[0])
  return value
}
