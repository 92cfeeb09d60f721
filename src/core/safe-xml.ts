import { type X2jOptions, XMLParser, XMLValidator } from 'fast-xml-parser'

/**
 * The one way leadflow reads XML it did not write: LeadExec, LeadConduit and CAKE request bodies
 * and buyers' answers (core/delivery/xml.ts). It lives in core because delivery reads buyer XML
 * too and core imports nothing from protocols/.
 *
 * - A DOCTYPE or ENTITY declaration is refused before parsing, and entity expansion is off, so no
 *   entity bomb or external entity reaches the parser (DESIGN.md, Dependencies).
 * - Nesting is capped at MAX_XML_DEPTH: fast-xml-parser throws past its `maxNestedTags`, and that
 *   throw, like any other, becomes a malformed-XML result instead of escaping as a 500
 *   (docs/reliability.md, "Hostile input").
 * - Only the five predefined entities and character references (XML 1.0 §4.6, §4.1) are decoded,
 *   by hand, in every text and attribute value: each expands to one character at most.
 */
export const MAX_XML_DEPTH = 100

export type XmlRead = { ok: true; doc: Record<string, unknown> } | { ok: false; message: string }

/** Reads one XML text; never throws. */
export type XmlReader = (text: string) => XmlRead

export const XML_DECLARATION_REFUSED = 'XML with a DOCTYPE or ENTITY declaration is not accepted'

const DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i

/** A reader with the caller's parser options; entity processing and the depth cap are always ours. */
export function safeXmlReader(options: X2jOptions): XmlReader {
  const parser = new XMLParser({
    ...options,
    processEntities: false,
    htmlEntities: false,
    maxNestedTags: MAX_XML_DEPTH,
  })
  return (text) => readXml(parser, text.replace(/^\uFEFF/, ''))
}

function readXml(parser: XMLParser, text: string): XmlRead {
  if (DECLARATION.test(text)) return malformed(XML_DECLARATION_REFUSED)
  try {
    const valid = XMLValidator.validate(text)
    if (valid !== true) {
      return malformed(
        `Malformed XML: the body is not well-formed (${valid.err.msg}, line ${valid.err.line})`,
      )
    }
    return { ok: true, doc: decodeXmlTree(parser.parse(text)) as Record<string, unknown> }
  } catch (error) {
    return malformed(parseFailure(error))
  }
}

function malformed(message: string): XmlRead {
  return { ok: false, message }
}

function parseFailure(error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error)
  if (/nested/i.test(reason)) return `Malformed XML: elements are nested deeper than ${MAX_XML_DEPTH} levels`
  return `Malformed XML: ${reason}`
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** One pass, so `&amp;lt;` reads `&lt;`, never `<`. `&#0;` and out-of-range references read nothing. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, name: string) => {
    if (name[0] !== '#') return PREDEFINED[name]!
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1))
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
  })
}

/** Every string in a parsed document, decoded; its depth is bounded by MAX_XML_DEPTH. */
function decodeXmlTree(value: unknown): unknown {
  if (typeof value === 'string') return decodeXmlText(value)
  if (Array.isArray(value)) return value.map(decodeXmlTree)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeXmlTree(v)]))
  }
  return value
}
