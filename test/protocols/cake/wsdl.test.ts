import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { XMLParser } from 'fast-xml-parser'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { readSoapResult } from './cake-helpers.js'

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', removeNSPrefix: true })
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const OPERATIONS = ['ReturnLead', 'GetReturnReasons', 'GetRejectReasons']
const ENVELOPE = {
  soap: ['http://schemas.xmlsoap.org/soap/envelope/', 'text/xml; charset=utf-8'],
  soap12: ['http://www.w3.org/2003/05/soap-envelope', 'application/soap+xml; charset=utf-8'],
} as const

for (const kind of await dialectsUnderTest()) {
  describe(`CAKE WSDL at /api/2/track.asmx?WSDL (002, Resource/WSDL Page) [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    test('served for ?WSDL in any case; describes the three operations in SOAP 1.1 and 1.2', async () => {
      for (const query of ['WSDL', 'wsdl', 'Wsdl']) {
        const res = await t.app.inject({ url: `/api/2/track.asmx?${query}`, headers: { host: 'cake.test' } })
        assert.equal(res.statusCode, 200, query)
        assert.match(String(res.headers['content-type']), /^text\/xml/)
      }
      const res = await t.app.inject({ url: '/api/2/track.asmx?WSDL', headers: { host: 'cake.test' } })
      const wsdl = parser.parse(res.body).definitions
      assert.equal(wsdl.targetNamespace, 'http://cakemarketing.com/api/2/')
      assert.deepEqual(
        list(wsdl.portType.operation).map((o: { name: string }) => o.name),
        OPERATIONS,
      )
      const bindings = list(wsdl.binding)
      assert.equal(bindings.length, 2)
      for (const binding of bindings) {
        assert.deepEqual(
          list(binding.operation).map((o: { name: string }) => o.name),
          OPERATIONS,
        )
      }
      const ports = list(wsdl.service.port)
      assert.deepEqual(
        ports.map((p: { address: { location: string } }) => p.address.location),
        ['http://cake.test/api/2/track.asmx', 'http://cake.test/api/2/track.asmx'],
      )
      assert.ok(res.body.includes('<soap:binding ') && res.body.includes('<soap12:binding '))
      const returnLead = list(wsdl.types.schema.element).find(
        (e: { name: string }) => e.name === 'ReturnLead',
      )
      assert.deepEqual(
        list(returnLead.complexType.sequence.element).map((e: { name: string }) => e.name),
        [
          'api_key',
          'lead_id',
          'vertical_id',
          'buyer_contract_id',
          'return_type',
          'return_reason_id',
          'denied_reason_id',
        ],
      )
    })

    test('a call written from the WSDL works in both bindings', async () => {
      const res = await t.app.inject({ url: '/api/2/track.asmx?WSDL' })
      const wsdl = parser.parse(res.body).definitions
      const ns = wsdl.targetNamespace
      for (const [prefix, [envelopeNs, contentType]] of Object.entries(ENVELOPE)) {
        const body = `<?xml version="1.0" encoding="utf-8"?>
<${prefix}:Envelope xmlns:${prefix}="${envelopeNs}"><${prefix}:Body>
<GetReturnReasons xmlns="${ns}"><api_key>demo-api-key</api_key></GetReturnReasons>
</${prefix}:Body></${prefix}:Envelope>`
        const answer = await t.app.inject({
          method: 'POST',
          url: new URL(list(wsdl.service.port)[0].address.location).pathname,
          headers: { 'content-type': contentType, soapaction: `${ns}GetReturnReasons` },
          payload: body,
        })
        assert.equal(answer.statusCode, 200, answer.body)
        const result = readSoapResult(answer.body, 'GetReturnReasons')
        assert.equal(result.success, 'true')
        assert.equal(Number(result.row_count), list(result.reasons.reason).length)
      }
    })

    test('the other services describe their own operations', async () => {
      const res = await t.app.inject({ url: '/api/1/get.asmx?wsdl' })
      const wsdl = parser.parse(res.body).definitions
      assert.equal(wsdl.targetNamespace, 'http://cakemarketing.com/api/1/')
      assert.deepEqual(
        list(wsdl.portType.operation).map((o: { name: string }) => o.name),
        ['GetRejectReasons', 'GetReturnReasons'],
      )
    })
  })
}
