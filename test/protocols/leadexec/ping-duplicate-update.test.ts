import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { startCallbackServer } from './callback-server.js'
import { CREDS, FORM, formBody, GUID, JSON_CT, jsonBody, parseXml, person } from './leadexec-fixtures.js'
import { addSource } from './leadexec-world.js'
import { scriptedDistributor } from './scripted-distributor.js'

const PING_KEYS = ['WillAccept', 'RequestID', 'OrderID', 'EstimatedPrice', 'OrderExpiresOn', 'Response']

for (const kind of await dialectsUnderTest()) {
  describe(`LeadExec ping, duplicate check, update [${kind}]`, () => {
    let t: TestApp
    const scripted = scriptedDistributor()
    before(async () => {
      t = await createTestApp(kind)
      t.services.intake.distributor = scripted.distributor
      await addSource(t.lf, 30)
    })
    after(() => t.close())

    const post = (url: string, headers: Record<string, string>, payload: string) =>
      t.app.inject({ method: 'POST', url, headers, payload })

    test('ping (form → json): the documented PingResponse', async () => {
      const res = await post('/processor/insert/ping/json', FORM, `${CREDS}&Zip=89101&State=NV`)
      const answer = res.json()
      assert.deepEqual(Object.keys(answer), PING_KEYS)
      assert.equal(answer.WillAccept, true)
      assert.equal(answer.OrderID, '7cef1c61-916c-4ea8-b79f-5572e73c4602')
      assert.equal(answer.EstimatedPrice, '25')
      assert.equal(answer.OrderExpiresOn, '4/30/2020 1:53:45 PM')
      assert.equal(answer.Response, 'Coverage found, please supply Order ID in POST')
    })

    test('ping (json → xml): PingResponse root with namespaces', async () => {
      const body = JSON.stringify({
        source: { vid: 1, lid: 1, aid: 1, password: 'demo' },
        leads: [{ properties: {}, fields: {} }],
      })
      const res = await post('/processor/insert/ping/xml', JSON_CT, body)
      assert.ok(res.body.includes('<PingResponse xmlns:xsd="http://www.w3.org/2001/XMLSchema"'))
      assert.equal(parseXml(res.body).PingResponse.WillAccept, 'true')
    })

    test('async ping (form → json): queued, run by its job, PingResponse on the StatusURL and to returnurl', async () => {
      const receiver = await startCallbackServer()
      try {
        const res = await post(
          '/processor/insert/ping/json/async',
          FORM,
          `${CREDS}&Zip=89101&returnurl=${receiver.url}/ping`,
        )
        const queued = res.json()
        assert.equal(queued.QueueSuccessful, true)
        assert.match(queued.PostID, GUID)
        // word for word the document's async ping answer (docs/compat.md, LeadExec)
        assert.equal(queued.ResponseDetails, 'Lead has been queued for processing')
        const path = new URL(queued.StatusURL).pathname
        const waiting = (await t.app.inject({ method: 'GET', url: path })).json()
        assert.equal(waiting.QueueSuccessful, true)
        await t.lf.worker.drain()
        const done = (await t.app.inject({ method: 'GET', url: path })).json()
        assert.deepEqual(Object.keys(done), PING_KEYS)
        assert.equal(done.RequestID, queued.PostID)
        assert.equal(done.OrderID, '7cef1c61-916c-4ea8-b79f-5572e73c4602')
        assert.equal(receiver.received.length, 1)
        assert.deepEqual(JSON.parse(receiver.received[0]!.body), done)
        await t.lf.worker.drain()
        assert.equal(receiver.received.length, 1, 'a finished ping is not run or called back again')
      } finally {
        await receiver.close()
      }
    })

    test('async ping (xml) with bad credentials: QueueSuccessful false, nothing queued', async () => {
      const res = await post('/processor/insert/ping/xml/async', FORM, 'vid=1&lid=1&password=no')
      const doc = parseXml(res.body).LeadQueueResponse
      assert.equal(doc.QueueSuccessful, 'false')
      assert.match(doc.ResponseDetails, /No_Account_Found/)
    })

    test('ping with bad credentials: WillAccept false and the reason', async () => {
      const answer = (await post('/processor/insert/ping/json', FORM, 'vid=1&lid=1&password=no')).json()
      assert.equal(answer.WillAccept, false)
      assert.match(answer.Response, /No_Account_Found/)
    })

    test('a post with an orderid uses the order; a bad order rejects the lead and frees its keys', async () => {
      const good = (
        await post('/processor/insert/general/json', FORM, formBody(person(), `${CREDS}&orderid=good-order`))
      ).json()
      assert.equal(good.isValidPost, true)
      assert.deepEqual(scripted.calls.useOrder.at(-1), ['good-order', 1, good.LeadIdentifier])
      const fields = person()
      const bad = (
        await post('/processor/insert/general/json', FORM, formBody(fields, `${CREDS}&orderid=old-order`))
      ).json()
      assert.equal(bad.isValidPost, false)
      assert.equal(bad.ResponseType, 5)
      assert.match(bad.ResponseDetails, /old-order: the order has expired/)
      const retry = (await post('/processor/insert/general/json', FORM, formBody(fields))).json()
      assert.equal(retry.isValidPost, true, 'the refused lead does not count as a duplicate')
    })

    test('duplicate check (form → json): IsDuplicate, DuplicateLeadId, ReceivedOn, Response', async () => {
      const fields = person()
      const first = (await post('/processor/insert/general/json', FORM, formBody(fields))).json()
      const res = await post(
        '/processor/duplicate/check',
        FORM,
        `${CREDS}&email=${encodeURIComponent(fields.Email)}`,
      )
      const answer = res.json()
      assert.deepEqual(Object.keys(answer), ['IsDuplicate', 'DuplicateLeadId', 'ReceivedOn', 'Response'])
      assert.equal(answer.IsDuplicate, true)
      assert.equal(answer.DuplicateLeadId, first.LeadIdentifier)
      assert.match(answer.ReceivedOn, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      assert.match(
        answer.Response,
        new RegExp(`^Duplicate Lead, ${first.LeadIdentifier} Last Received On: .* UTC$`),
      )
    })

    test('duplicate check (json → xml): another source sees no lead id; unknown data is not a duplicate', async () => {
      const fields = person()
      await post('/processor/insert/general/json', FORM, formBody(fields))
      const other = JSON.stringify({
        source: { vid: 30, lid: 1, aid: 0, password: 'pw' },
        leads: [{ properties: {}, fields: { Email: fields.Email } }],
      })
      const res = await post(
        '/processor/duplicate/check?response_type=xml',
        { 'content-type': 'application/json' },
        other,
      )
      const doc = parseXml(res.body).PingResponse
      assert.equal(doc.IsDuplicate, 'true')
      assert.equal(doc.DuplicateLeadId, '0')
      const fresh = (
        await post('/processor/duplicate/check', FORM, `${CREDS}&Email=nobody-${Date.now()}@example.com`)
      ).json()
      assert.equal(fresh.IsDuplicate, false)
      assert.equal(fresh.ReceivedOn, null)
    })

    test('update (form → json): fields merged and re-validated, "Lead information updated"', async () => {
      const lead = (await post('/processor/insert/general/json', FORM, formBody(person()))).json()
      const res = await post(
        '/processor/update/json',
        FORM,
        `vid=1&lid=1&password=demo&lpleaduid=${lead.LeadIdentifier}&processDelivery=false&LastName=Roe`,
      )
      const answer = res.json()
      assert.equal(answer.isValidPost, true, answer.ResponseDetails)
      assert.equal(answer.ResponseDetails, 'Lead information updated')
      assert.equal(answer.LeadIdentifier, lead.LeadIdentifier)
      assert.equal(answer.PostID, lead.PostID)
      const row = await t.lf.db
        .selectFrom('leads')
        .select('fields_json')
        .where('id', '=', lead.LeadIdentifier)
        .executeTakeFirstOrThrow()
      const stored = JSON.parse(row.fields_json)
      assert.equal(stored.LastName.normal, 'Roe')
      assert.equal(stored.FirstName.normal, 'John')
    })

    test('update (json → xml) with leadUID and processDelivery queues a new distribution', async () => {
      t.services.intake.distributor = {
        ...scripted.distributor,
        distribute: async (id) => ({
          ...(await scripted.distributor.distribute(id)),
          sold: false,
          sends: [],
        }),
      }
      const lead = (await post('/processor/insert/general/json', FORM, formBody(person()))).json()
      t.services.intake.distributor = scripted.distributor
      const body = jsonBody(
        { Phone: '(702) 555-0199' },
        { vid: 1, lid: 1, password: 'demo' },
        { leadUID: lead.LeadIdentifier, processDelivery: true },
      )
      const res = await post('/processor/update/xml', JSON_CT, body)
      const doc = parseXml(res.body).PostResponse
      assert.equal(doc.ResponseDetails, 'Lead information updated')
      const before = scripted.calls.distribute.length
      await t.lf.worker.drain()
      assert.ok(scripted.calls.distribute.slice(before).includes(lead.LeadIdentifier))
    })

    test('update refusals: unknown lead, bad field, another source’s lead', async () => {
      const unknown = (
        await post('/processor/update/json', FORM, 'vid=1&lid=1&password=demo&lpleaduid=999999&Zip=1')
      ).json()
      assert.equal(unknown.ResponseType, 9)
      assert.match(unknown.ResponseDetails, /not found/)
      const lead = (await post('/processor/insert/general/json', FORM, formBody(person()))).json()
      const bad = (
        await post('/processor/update/json', FORM, `${CREDS}&lpleaduid=${lead.LeadIdentifier}&Email=broken`)
      ).json()
      assert.equal(bad.ResponseType, 9)
      assert.match(bad.ResponseDetails, /Email/)
      const plain = { 'content-type': 'application/x-www-form-urlencoded' }
      const foreign = (
        await post(
          '/processor/update/json',
          plain,
          `vid=30&lid=1&password=pw&lpleaduid=${lead.LeadIdentifier}`,
        )
      ).json()
      assert.equal(foreign.ResponseType, 9)
      const stolenToken = (
        await post(
          '/processor/update/json',
          FORM,
          `vid=30&lid=1&password=pw&lpleaduid=${lead.LeadIdentifier}`,
        )
      ).json()
      assert.equal(stolenToken.ResponseType, 4, 'another source’s token never authenticates')
    })
  })
}
