import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { BEARER, childNames, POST_RESPONSE_KEYS, parseXml } from './leadexec-fixtures.js'

/**
 * The document's example requests exactly as written (placeholders and "..." included), with
 * only the credentials filled in: each gets the documented answer shape. With no lead fields
 * the answer is Data_Errors naming the lead type's required fields.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`LeadExec examples as written [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const form = { 'content-type': 'x-www-form-urlencoded', ...BEARER }

    test('POST /processor/insert/general/json  vid=&lid=&aid=&password=&orderid=', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: form,
        payload: 'vid=1&lid=1&aid=1&password=demo&orderid=',
      })
      const answer = res.json()
      assert.deepEqual(Object.keys(answer), [...POST_RESPONSE_KEYS, 'StatusURL'])
      assert.equal(answer.ResponseType, 9)
      assert.match(answer.ResponseDetails, /Email.*Phone.*Zip/)
    })

    test('POST /processor/insert/general/xml  <Leads …><Lead reference=""> ... </Lead></Leads>', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/xml',
        headers: { 'content-type': 'application/xml', ...BEARER },
        payload: '<Leads vid="1" lid="1" aid="1" password="demo"> <Lead reference=""> ... </Lead> </Leads>',
      })
      const doc = parseXml(res.body).PostResponse
      assert.deepEqual(childNames(doc), [...POST_RESPONSE_KEYS, 'StatusURL'])
      assert.equal(doc.ResponseType, 'Data_Errors')
    })

    test('POST /processor/insert/calldata/json/async  …&ivrnumber=&callduration=&callresult=&calldate=&returnurl=', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/calldata/json/async',
        headers: form,
        payload: 'vid=1&lid=1&aid=1&password=demo&ivrnumber=&callduration=&callresult=&calldate=&returnurl=',
      })
      const answer = res.json()
      assert.equal(answer.QueueSuccessful, true)
      await t.lf.worker.drain()
      const status = (
        await t.app.inject({ method: 'GET', url: `/information/queuestatus/${answer.PostID}` })
      ).json()
      assert.equal(status.IsValid, false)
      assert.match(status.RejectionReason, /ivrnumber is required/)
    })

    test('POST /processor/update/json  vid=&lid=&lpleaduid=&processDelivery=false&...', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/update/json',
        headers: form,
        payload: 'vid=1&lid=1&lpleaduid=&processDelivery=false&...',
      })
      const answer = res.json()
      assert.deepEqual(Object.keys(answer), [...POST_RESPONSE_KEYS, 'StatusURL'])
      assert.equal(answer.ResponseType, 9)
      assert.match(answer.ResponseDetails, /lpleaduid/)
    })

    test('POST /processor/duplicate/check  vid=&lid=&aid=&password=&email=test@test.com...', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/duplicate/check',
        headers: form,
        payload: 'vid=1&lid=1&aid=1&password=demo&email=test@test.com...',
      })
      assert.deepEqual(Object.keys(res.json()), ['IsDuplicate', 'DuplicateLeadId', 'ReceivedOn', 'Response'])
    })

    test('POST /processor/insert/ping/xml  vid=&lid=&aid=&password=&...', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/ping/xml',
        headers: form,
        payload: 'vid=1&lid=1&aid=1&password=demo&...',
      })
      const doc = parseXml(res.body).PingResponse
      assert.deepEqual(childNames(doc), [
        'WillAccept',
        'RequestID',
        'OrderID',
        'EstimatedPrice',
        'OrderExpiresOn',
        'Response',
      ])
    })

    test('GET /information/queuestatus/[PostID] of a stored post', async () => {
      const post = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: form,
        payload: 'vid=1&lid=1&aid=1&password=demo&Email=ex@example.com&Phone=7025559876&Zip=89101',
      })
      const res = await t.app.inject({ method: 'GET', url: `/information/queuestatus/${post.json().PostID}` })
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().IsValid, true)
      assert.equal(res.json().LeadIdentifier, post.json().LeadIdentifier)
    })
  })
}
