import { safeXmlReader } from '../../core/safe-xml.js'
import {
  type Decoded,
  decodeFailure,
  type LeadExecLead,
  MAX_LEADS_PER_REQUEST,
  PROPERTY_NAMES,
} from './leadexec-request.js'

/**
 * XML posts (seed 003, "Create General Lead XML"): `<Leads vid lid aid password returnurl>`
 * holding one or more `<Lead reference>` elements whose child elements are the lead's fields
 * (call leads add `<IVRNumber>`, `<CallDuration>`, `<CallResult>`, `<CallDate>`). The shared safe
 * reader refuses DOCTYPE and ENTITY declarations, caps nesting and decodes entities
 * (core/safe-xml.ts).
 */
const readXml = safeXmlReader({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
})

export function decodeXml(body: string): Decoded {
  const read = readXml(body)
  if (!read.ok) return decodeFailure(read.message)
  const doc = read.doc
  const rootName = Object.keys(doc).find((k) => k.toLowerCase() === 'leads')
  if (!rootName) return decodeFailure('The XML root element must be <Leads>')
  const root = asElement(doc[rootName])
  const params = attributes(root)
  const leadKey = Object.keys(root).find((k) => k.toLowerCase() === 'lead')
  const entries = leadKey === undefined ? [] : ([] as unknown[]).concat(root[leadKey])
  if (entries.length === 0) return decodeFailure('<Leads> must hold at least one <Lead> element')
  if (entries.length > MAX_LEADS_PER_REQUEST) {
    return decodeFailure(`At most ${MAX_LEADS_PER_REQUEST} leads may be sent in one request`)
  }
  const leads: LeadExecLead[] = []
  for (const entry of entries) {
    const lead = decodeLead(asElement(entry))
    if (typeof lead === 'string') return decodeFailure(lead)
    leads.push(lead)
  }
  return { ok: true, request: { params, leads } }
}

function decodeLead(element: Record<string, unknown>): LeadExecLead | string {
  const lead: LeadExecLead = { properties: attributes(element), fields: {} }
  for (const [name, value] of Object.entries(element)) {
    if (name.startsWith('@') || name === '#text') continue
    if (Array.isArray(value)) return `<${name}> appears more than once in a <Lead>`
    const text = textOf(value)
    if (text === undefined) return `<${name}> must hold text, not other elements`
    if (PROPERTY_NAMES.has(name.toLowerCase())) lead.properties[name.toLowerCase()] = text
    else lead.fields[name] = text
  }
  return lead
}

function asElement(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
}

function attributes(element: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(element)) {
    if (name.startsWith('@')) out[name.slice(1).toLowerCase()] = String(value)
  }
  return out
}

/** An element's text: a plain string, or `#text` beside attributes; undefined when it nests elements. */
function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value !== 'object') return String(value)
  const keys = Object.keys(value as object)
  if (keys.some((k) => k !== '#text' && !k.startsWith('@'))) return undefined
  return String((value as Record<string, unknown>)['#text'] ?? '')
}
