import { XMLParser } from 'fast-xml-parser'

/** Demo credentials (src/app/demo/demo-ids.ts) as the spec's examples carry them. */
export const CREDS = 'vid=1&lid=1&aid=1&password=demo'
export const BEARER = { authorization: 'Bearer demo-token' }
export const FORM = { 'content-type': 'application/x-www-form-urlencoded', ...BEARER }
export const XML = { 'content-type': 'application/xml', ...BEARER }
export const JSON_CT = { 'content-type': 'application/json', ...BEARER }

let counter = 0

/** A valid Auto Insurance lead with a fresh email and phone, so no test trips the duplicate rules. */
export function person(): Record<string, string> {
  counter++
  const n = String(1000 + ((Date.now() + counter * 7919) % 9000)).slice(-4)
  const exchange = 200 + ((counter * 37 + Number(n)) % 700)
  return {
    FirstName: 'John',
    LastName: 'Doe',
    Email: `john.${counter}.${Date.now()}@example.com`,
    Phone: `702${exchange}${n}`,
    Zip: '89101',
    State: 'NV',
  }
}

export function formBody(fields: Record<string, string>, extra = CREDS): string {
  return `${extra}&${new URLSearchParams(fields).toString()}`
}

export function xmlBody(
  fields: Record<string, string>,
  attrs = 'vid="1" lid="1" aid="1" password="demo"',
  lead = 'reference="ref-1"',
) {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v}</${k}>`)
    .join('')
  return `<Leads ${attrs}> <Lead ${lead}> ${inner} </Lead> </Leads>`
}

export function jsonBody(
  fields: Record<string, string>,
  source: Record<string, unknown> = {
    vid: 1,
    aid: 1,
    lid: 1,
    password: 'demo',
    sendDelay: 0.0,
    returnURL: '',
  },
  properties: Record<string, unknown> = { reference: 'ref-1', noSell: false },
) {
  return JSON.stringify({ source, leads: [{ properties, fields }] })
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false })

export function parseXml(text: string): Record<string, any> {
  return parser.parse(text)
}

/** The element names of an XML element in document order (fast-xml-parser keeps insertion order). */
export function childNames(element: Record<string, unknown>): string[] {
  return Object.keys(element).filter((k) => !k.startsWith('@'))
}

export const POST_RESPONSE_KEYS = [
  'PostID',
  'isValidPost',
  'ResponseType',
  'ResponseDetails',
  'LeadIdentifier',
  'VendorAccountAssigned',
  'PendingQCReview',
  'Price',
  'RedirectURL',
]

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
