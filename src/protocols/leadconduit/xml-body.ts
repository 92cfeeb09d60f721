import { LeadflowError } from '../../core/errors.js'
import { safeXmlReader } from '../../core/safe-xml.js'

/**
 * Feedback XML is read by the shared safe reader: DOCTYPE refused, entity expansion off, nesting
 * capped, the predefined entities and character references decoded (core/safe-xml.ts; DESIGN.md,
 * Dependencies: "fast-xml-parser … with entity expansion disabled").
 */
const readXml = safeXmlReader({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
})

/** Parses an XML request body; malformed or too deep XML and any DOCTYPE are LF_BAD_REQUEST. */
export function parseXmlBody(body: string): Record<string, unknown> {
  const read = readXml(body)
  if (!read.ok) throw new LeadflowError('LF_BAD_REQUEST', read.message)
  return read.doc
}
