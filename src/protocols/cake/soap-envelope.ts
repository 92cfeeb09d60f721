import { XMLBuilder } from 'fast-xml-parser'
import { LeadflowError } from '../../core/errors.js'
import { safeXmlReader } from '../../core/safe-xml.js'

export type SoapVersion = '1.1' | '1.2'

export const SOAP_NS: Record<SoapVersion, string> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
}

export const SOAP_CONTENT_TYPE: Record<SoapVersion, string> = {
  '1.1': 'text/xml; charset=utf-8',
  '1.2': 'application/soap+xml; charset=utf-8',
}

/** SOAP 1.2 is `application/soap+xml` (RFC 3902); SOAP 1.1 is `text/xml` (SOAP 1.1 §6.1.1). */
export function soapVersionOf(mediaType: string): SoapVersion | null {
  if (mediaType === 'application/soap+xml') return '1.2'
  if (mediaType === 'text/xml' || mediaType === 'application/xml') return '1.1'
  return null
}

/**
 * Envelopes are read by the shared safe reader: DOCTYPE refused (SOAP 1.1 §3 forbids a DTD in a
 * SOAP message anyway), entity expansion off, nesting capped (core/safe-xml.ts). Namespace
 * prefixes are dropped: an ASMX client may write soap:, soap12:, s: or none, and parameter
 * elements carry the service's default namespace.
 */
const readXml = safeXmlReader({
  ignoreAttributes: true,
  removeNSPrefix: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
})

export interface SoapCall {
  operation: string
  params: Record<string, string>
}

/** Reads `<Envelope><Body><Operation><param>…</param></Operation></Body></Envelope>`. */
export function parseSoapCall(body: string): SoapCall {
  const read = readXml(body)
  if (!read.ok) throw new LeadflowError('LF_BAD_REQUEST', read.message)
  const doc = read.doc as Record<string, any>
  const soapBody = doc.Envelope?.Body
  if (!soapBody || typeof soapBody !== 'object') {
    throw new LeadflowError('LF_BAD_REQUEST', 'The body must be a SOAP Envelope with a Body')
  }
  const [operation, call] = Object.entries(soapBody as Record<string, unknown>)[0] ?? []
  if (!operation) throw new LeadflowError('LF_BAD_REQUEST', 'The SOAP Body names no operation')
  return { operation, params: leafParams(call) }
}

function leafParams(call: unknown): Record<string, string> {
  const params: Record<string, string> = {}
  if (!call || typeof call !== 'object') return params
  for (const [name, value] of Object.entries(call)) {
    if (typeof value === 'string') params[name] = value
    else if (typeof value === 'number' || typeof value === 'boolean') params[name] = String(value)
    else if (value !== null && typeof value === 'object' && Object.keys(value).length === 0) params[name] = ''
    else throw new LeadflowError('LF_BAD_REQUEST', `Parameter ${name} must be a simple value`)
  }
  return params
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
})

const XSI = 'http://www.w3.org/2001/XMLSchema-instance'
const XSD = 'http://www.w3.org/2001/XMLSchema'

/** An ASMX-style response: `<OpResponse xmlns=ns><OpResult>…</OpResult></OpResponse>` in the envelope. */
export function soapResponse(version: SoapVersion, operation: string, ns: string, result: object): string {
  const prefix = version === '1.1' ? 'soap' : 'soap12'
  const envelope = {
    [`${prefix}:Envelope`]: {
      [`@_xmlns:${prefix}`]: SOAP_NS[version],
      '@_xmlns:xsi': XSI,
      '@_xmlns:xsd': XSD,
      [`${prefix}:Body`]: { [`${operation}Response`]: { '@_xmlns': ns, [`${operation}Result`]: result } },
    },
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(envelope)}`
}

/** A SOAP Fault (1.1 §4.4 faultcode/faultstring; 1.2 §5.4 Code/Reason). */
export function soapFault(version: SoapVersion, sender: boolean, message: string): string {
  const prefix = version === '1.1' ? 'soap' : 'soap12'
  const fault =
    version === '1.1'
      ? { faultcode: `soap:${sender ? 'Client' : 'Server'}`, faultstring: message }
      : {
          'soap12:Code': { 'soap12:Value': `soap12:${sender ? 'Sender' : 'Receiver'}` },
          'soap12:Reason': { 'soap12:Text': { '@_xml:lang': 'en', '#text': message } },
        }
  const envelope = {
    [`${prefix}:Envelope`]: {
      [`@_xmlns:${prefix}`]: SOAP_NS[version],
      [`${prefix}:Body`]: { [`${prefix}:Fault`]: fault },
    },
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(envelope)}`
}

/** A bare XML document with CAKE's three namespace declarations on its root (002, sample response). */
export function cakeDocument(root: string, ns: string, fields: object): string {
  const doc = { [root]: { '@_xmlns:xsd': XSD, '@_xmlns:xsi': XSI, '@_xmlns': ns, ...fields } }
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(doc)}`
}
