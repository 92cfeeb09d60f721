import assert from 'node:assert/strict'
import { XMLParser } from 'fast-xml-parser'
import type { TestApp } from '../../helpers/test-app.js'

const bare = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false })
const soap = new XMLParser({ removeNSPrefix: true, parseTagValue: false })

/** 002's sample response: root, its three namespace declarations, success and message. */
export function readLeadReturnResponse(body: string): { success: string; message: string } {
  const doc = bare.parse(body)
  const root = doc.lead_return_response
  assert.ok(root, `expected <lead_return_response>, got ${body}`)
  assert.equal(root['@_xmlns:xsd'], 'http://www.w3.org/2001/XMLSchema')
  assert.equal(root['@_xmlns:xsi'], 'http://www.w3.org/2001/XMLSchema-instance')
  assert.equal(root['@_xmlns'], 'http://cakemarketing.com/api/2/')
  assert.deepEqual(
    Object.keys(root).filter((k) => !k.startsWith('@_')),
    ['success', 'message'],
  )
  return { success: root.success, message: root.message ?? '' }
}

export function readSoapResult(body: string, operation: string): any {
  const doc = soap.parse(body)
  const result = doc.Envelope?.Body?.[`${operation}Response`]?.[`${operation}Result`]
  assert.ok(result, `expected a ${operation}Result in ${body}`)
  return result
}

export function readSoapFault(body: string): any {
  const fault = soap.parse(body).Envelope?.Body?.Fault
  assert.ok(fault, `expected a SOAP Fault in ${body}`)
  return fault
}

export function readBare(body: string): any {
  return bare.parse(body)
}

export interface ReturnLeadArgs {
  api_key?: string
  lead_id: string | number
  vertical_id?: string | number
  buyer_contract_id?: string | number
  return_type: string
  return_reason_id?: string | number
  denied_reason_id?: string | number
}

/** All seven parameters, optional ones passed empty as 002's note asks. */
export function returnLeadQuery(args: ReturnLeadArgs): string {
  return new URLSearchParams({
    api_key: String(args.api_key ?? 'demo-api-key'),
    lead_id: String(args.lead_id),
    vertical_id: String(args.vertical_id ?? ''),
    buyer_contract_id: String(args.buyer_contract_id ?? ''),
    return_type: args.return_type,
    return_reason_id: String(args.return_reason_id ?? '3'),
    denied_reason_id: String(args.denied_reason_id ?? ''),
  }).toString()
}

export async function returnLeadGet(t: TestApp, args: ReturnLeadArgs) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/2/track.asmx?op=ReturnLead&${returnLeadQuery(args)}`,
  })
  assert.equal(res.statusCode, 200, res.body)
  return readLeadReturnResponse(res.body)
}

export function soapEnvelope(
  version: '1.1' | '1.2',
  operation: string,
  params: Record<string, string>,
): string {
  const ns =
    version === '1.1'
      ? 'http://schemas.xmlsoap.org/soap/envelope/'
      : 'http://www.w3.org/2003/05/soap-envelope'
  const prefix = version === '1.1' ? 'soap' : 'soap12'
  const service =
    operation === 'ReturnLead' ? 'http://cakemarketing.com/api/2/' : 'http://cakemarketing.com/api/1/'
  const inner = Object.entries(params)
    .map(([k, v]) => (v === '' ? `      <${k} xsi:nil="true" />` : `      <${k}>${v}</${k}>`))
    .join('\n')
  return `<?xml version="1.0" encoding="utf-8"?>
<${prefix}:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:${prefix}="${ns}">
  <${prefix}:Body>
    <${operation} xmlns="${service}">
${inner}
    </${operation}>
  </${prefix}:Body>
</${prefix}:Envelope>`
}
