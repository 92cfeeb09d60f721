import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createCredential } from '../../../src/storage/credential-store.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { sellDemoLead } from '../../helpers/sales-fixture.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import {
  readLeadReturnResponse,
  readSoapFault,
  readSoapResult,
  returnLeadGet,
  returnLeadQuery,
  soapEnvelope,
} from './cake-helpers.js'

for (const kind of await dialectsUnderTest()) {
  describe(`CAKE ReturnLead requests [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    test('GET /api/2/track.asmx?op=ReturnLead (002, Example Request) answers lead_return_response', async () => {
      const sale = await sellDemoLead(t.lf)
      const answer = await returnLeadGet(t, {
        lead_id: sale.leadId,
        vertical_id: 1,
        return_type: 'submit_for_approval',
      })
      assert.deepEqual(answer, { success: 'true', message: 'Lead Submitted for Approval' })
    })

    test('GET /api/2/track.asmx/ReturnLead with a query string', async () => {
      const sale = await sellDemoLead(t.lf)
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/2/track.asmx/ReturnLead?${returnLeadQuery({ lead_id: sale.postId, return_type: 'approve_for_credit' })}`,
      })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'text/xml; charset=utf-8')
      assert.deepEqual(readLeadReturnResponse(res.body), {
        success: 'true',
        message: 'Lead Returned for Credit',
      })
    })

    test('POST /api/2/track.asmx/ReturnLead with a form', async () => {
      const sale = await sellDemoLead(t.lf)
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/2/track.asmx/ReturnLead',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: returnLeadQuery({ lead_id: sale.leadId, return_type: 'approve_to_replace' }),
      })
      assert.deepEqual(readLeadReturnResponse(res.body), {
        success: 'true',
        message: 'Lead Returned for Replacement',
      })
    })

    for (const version of ['1.1', '1.2'] as const) {
      test(`SOAP ${version} envelope to /api/2/track.asmx`, async () => {
        const sale = await sellDemoLead(t.lf)
        const contentType =
          version === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8'
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/2/track.asmx',
          headers: {
            'content-type': contentType,
            ...(version === '1.1' ? { soapaction: '"http://cakemarketing.com/api/2/ReturnLead"' } : {}),
          },
          payload: soapEnvelope(version, 'ReturnLead', {
            api_key: 'demo-api-key',
            lead_id: String(sale.leadId),
            vertical_id: '1',
            buyer_contract_id: '',
            return_type: 'submit_for_approval',
            return_reason_id: '1',
            denied_reason_id: '',
          }),
        })
        assert.equal(res.statusCode, 200, res.body)
        assert.equal(res.headers['content-type'], contentType)
        assert.deepEqual(readSoapResult(res.body, 'ReturnLead'), {
          success: 'true',
          message: 'Lead Submitted for Approval',
        })
        const bad = await t.app.inject({
          method: 'POST',
          url: '/api/2/track.asmx?op=ReturnLead',
          headers: { 'content-type': contentType },
          payload: soapEnvelope(version, 'ReturnLead', {
            api_key: 'wrong',
            lead_id: '1',
            return_type: 'reject',
          }),
        })
        assert.deepEqual(readSoapResult(bad.body, 'ReturnLead'), {
          success: 'false',
          message: 'Invalid API Key',
        })
      })
    }

    test('"Invalid API Key" for an unknown, a missing and an expired key', async () => {
      const sale = await sellDemoLead(t.lf)
      await createCredential(
        t.lf.db,
        {
          ownerKind: 'cake',
          ownerId: null,
          kind: 'api_key',
          secret: 'expired-key',
          expiresAt: new Date(Date.now() - 60_000),
        },
        new Date(),
      )
      for (const key of ['nope', '', 'expired-key']) {
        const answer = await returnLeadGet(t, {
          api_key: key,
          lead_id: sale.leadId,
          return_type: 'submit_for_approval',
        })
        assert.deepEqual(answer, { success: 'false', message: 'Invalid API Key' })
      }
      const rows = await t.lf.db
        .selectFrom('returns')
        .select('id')
        .where('sale_id', '=', sale.saleId)
        .execute()
      assert.equal(rows.length, 0)
    })

    test('NUL in a parameter is stripped on every database: the return goes through', async () => {
      const sale = await sellDemoLead(t.lf)
      const answer = await returnLeadGet(t, {
        lead_id: `${sale.leadId}\u0000`,
        return_type: 'submit\u0000_for_approval',
      })
      assert.deepEqual(answer, { success: 'true', message: 'Lead Submitted for Approval' })
    })

    test('unreadable requests answer 4xx in the protocol shape, never 500', async () => {
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/2/track.asmx',
        headers: { 'content-type': 'text/xml' },
        payload: '<soap:Envelope><soap:Body><ReturnLead>',
      })
      assert.equal(malformed.statusCode, 400)
      assert.match(readSoapFault(malformed.body).faultstring, /Malformed XML/)
      const doctype = await t.app.inject({
        method: 'POST',
        url: '/api/2/track.asmx',
        headers: { 'content-type': 'application/soap+xml' },
        payload:
          '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Envelope><Body><ReturnLead><lead_id>&e;</lead_id></ReturnLead></Body></Envelope>',
      })
      assert.equal(doctype.statusCode, 400)
      assert.ok(readSoapFault(doctype.body).Reason)
      const deep = await t.app.inject({
        method: 'POST',
        url: '/api/2/track.asmx',
        headers: { 'content-type': 'text/xml' },
        payload: `<Envelope><Body><ReturnLead>${'<a>'.repeat(150)}${'</a>'.repeat(150)}</ReturnLead></Body></Envelope>`,
      })
      assert.equal(deep.statusCode, 400)
      assert.match(readSoapFault(deep.body).faultstring, /nested deeper than 100 levels/)
      const notSoap = await t.app.inject({
        method: 'POST',
        url: '/api/2/track.asmx',
        headers: { 'content-type': 'text/xml' },
        payload: '<ReturnLead><lead_id>1</lead_id></ReturnLead>',
      })
      assert.equal(notSoap.statusCode, 400)
      const json = await t.app.inject({
        method: 'POST',
        url: '/api/2/track.asmx/ReturnLead',
        headers: { 'content-type': 'application/json' },
        payload: '{"lead_id":1}',
      })
      assert.equal(json.statusCode, 415)
      assert.equal(readLeadReturnResponse(json.body).success, 'false')
      const unknownOp = await t.app.inject({
        method: 'GET',
        url: '/api/2/track.asmx/DeleteEverything?api_key=x',
      })
      assert.equal(unknownOp.statusCode, 404)
      assert.match(readLeadReturnResponse(unknownOp.body).message, /Unknown web method/)
      const big = await t.app.inject({
        method: 'POST',
        url: '/api/2/track.asmx/ReturnLead',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `lead_id=${'1'.repeat(2 * 1024 * 1024)}`,
      })
      assert.equal(big.statusCode, 413)
      assert.equal(readLeadReturnResponse(big.body).success, 'false')
    })

    test('GetReturnReasons and GetRejectReasons list the reasons by id', async () => {
      const ret = await t.app.inject({
        method: 'GET',
        url: '/buyers/api/1/leads.asmx/GetReturnReasons?api_key=demo-api-key',
      })
      assert.equal(ret.statusCode, 200)
      assert.match(ret.body, /<return_reasons_response xmlns:xsd=/)
      assert.match(ret.body, /<reason_id>1<\/reason_id>\s*<reason_name>Wrong number<\/reason_name>/)
      assert.match(ret.body, /<row_count>4<\/row_count>/)
      const rej = await t.app.inject({
        method: 'GET',
        url: '/api/1/get.asmx?op=GetRejectReasons&api_key=demo-api-key',
      })
      assert.match(rej.body, /<reject_reasons_response /)
      assert.match(rej.body, /<reason_name>Outside return window<\/reason_name>/)
      const soap = await t.app.inject({
        method: 'POST',
        url: '/api/1/get.asmx',
        headers: { 'content-type': 'text/xml' },
        payload: soapEnvelope('1.1', 'GetRejectReasons', { api_key: 'demo-api-key' }),
      })
      const result = readSoapResult(soap.body, 'GetRejectReasons')
      assert.equal(result.row_count, '2')
      const denied = await t.app.inject({
        method: 'GET',
        url: '/api/1/get.asmx/GetReturnReasons?api_key=bad',
      })
      assert.match(denied.body, /<success>false<\/success>\s*<message>Invalid API Key<\/message>/)
    })
  })
}
