import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import {
  childNames,
  FORM,
  formBody,
  GUID,
  JSON_CT,
  jsonBody,
  POST_RESPONSE_KEYS,
  parseXml,
  person,
  XML,
  xmlBody,
} from './leadexec-fixtures.js'

const XML_HEAD =
  '<?xml version="1.0" encoding="utf-8"?>\n<PostResponse xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'

for (const kind of await dialectsUnderTest()) {
  describe(`LeadExec create general lead [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const bodies = {
      form: () => ({ headers: FORM, payload: formBody(person()) }),
      xml: () => ({ headers: XML, payload: xmlBody(person()) }),
      json: () => ({ headers: JSON_CT, payload: jsonBody(person()) }),
    }

    for (const [encoding, body] of Object.entries(bodies)) {
      test(`${encoding} body, json answer: the documented PostResponse`, async () => {
        const res = await t.app.inject({ method: 'POST', url: '/processor/insert/general/json', ...body() })
        assert.equal(res.statusCode, 200)
        assert.match(res.headers['content-type'] as string, /application\/json/)
        const answer = res.json()
        assert.deepEqual(Object.keys(answer), [...POST_RESPONSE_KEYS, 'StatusURL'])
        assert.match(answer.PostID, GUID)
        assert.equal(answer.isValidPost, true, answer.ResponseDetails)
        assert.equal(answer.ResponseType, 0)
        assert.equal(answer.ResponseDetails, 'Lead was accepted')
        assert.ok(answer.LeadIdentifier > 0)
        assert.equal(answer.VendorAccountAssigned, 1)
        assert.equal(answer.PendingQCReview, false)
        assert.equal(typeof answer.Price, 'number')
        assert.equal(answer.StatusURL, `http://leadflow.test/information/status/${answer.PostID}`)
        const row = await t.lf.db
          .selectFrom('leads')
          .selectAll()
          .where('post_id', '=', answer.PostID)
          .executeTakeFirstOrThrow()
        assert.equal(row.id, answer.LeadIdentifier)
        assert.equal(JSON.parse(row.fields_json).Email.valid, true)
        assert.ok(row.processed_at)
        assert.ok(!row.raw_json.includes('demo"'), 'the password is never stored')
      })

      test(`${encoding} body, xml answer: the documented PostResponse document`, async () => {
        const res = await t.app.inject({ method: 'POST', url: '/processor/insert/general/xml', ...body() })
        assert.equal(res.statusCode, 200)
        assert.match(res.headers['content-type'] as string, /application\/xml/)
        assert.ok(res.body.startsWith(XML_HEAD), res.body)
        const doc = parseXml(res.body).PostResponse
        assert.deepEqual(childNames(doc), [...POST_RESPONSE_KEYS, 'StatusURL'])
        assert.equal(doc.isValidPost, 'true', doc.ResponseDetails)
        assert.equal(doc.ResponseType, 'No_Error')
        assert.equal(doc.VendorAccountAssigned, '1')
        assert.match(doc.PostID, GUID)
      })
    }

    test('the reference is stored with the lead', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: XML,
        payload: xmlBody(person(), 'vid="1" lid="1" aid="1" password="demo"', 'reference="campaign-42"'),
      })
      const row = await t.lf.db
        .selectFrom('leads')
        .select('reference')
        .where('post_id', '=', res.json().PostID)
        .executeTakeFirstOrThrow()
      assert.equal(row.reference, 'campaign-42')
    })

    test('the code examples: POST /processor/insert/general without a response type answers XML', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general?vid=1&lid=1&password=demo',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(person()).toString(),
      })
      assert.equal(res.statusCode, 200)
      assert.equal(parseXml(res.body).PostResponse.ResponseType, 'No_Error')
    })

    test('the document spelling "content-type: x-www-form-urlencoded" is read too', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: { 'content-type': 'x-www-form-urlencoded', authorization: 'Bearer demo-token' },
        payload: formBody(person()),
      })
      assert.equal(res.json().isValidPost, true, res.body)
    })

    test('several leads in one JSON request are each answered, in order', async () => {
      const source = { vid: 1, lid: 1, aid: 1, password: 'demo' }
      const leads = [person(), person()].map((fields) => ({ properties: {}, fields }))
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: JSON_CT,
        payload: JSON.stringify({ source, leads }),
      })
      const answers = res.json()
      assert.equal(answers.length, 2)
      assert.ok(answers.every((a: any) => a.isValidPost))
      assert.notEqual(answers[0].LeadIdentifier, answers[1].LeadIdentifier)
    })

    test('several Lead elements in XML answer an ArrayOfPostResponse', async () => {
      const lead = (f: Record<string, string>) =>
        `<Lead>${Object.entries(f)
          .map(([k, v]) => `<${k}>${v}</${k}>`)
          .join('')}</Lead>`
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/xml',
        headers: XML,
        payload: `<Leads vid="1" lid="1" password="demo">${lead(person())}${lead(person())}</Leads>`,
      })
      const doc = parseXml(res.body).ArrayOfPostResponse
      assert.equal(doc.PostResponse.length, 2)
      assert.equal(doc.PostResponse[1].ResponseType, 'No_Error')
    })
  })
}
