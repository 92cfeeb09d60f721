import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { startCallbackServer } from './callback-server.js'
import {
  FORM,
  formBody,
  GUID,
  JSON_CT,
  jsonBody,
  parseXml,
  person,
  XML,
  xmlBody,
} from './leadexec-fixtures.js'
import { countLeads } from './leadexec-world.js'

/** A clock the test moves forward, so retries and delayed sends come due without waiting. */
function movableClock() {
  let offset = 0
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms
    },
  }
}

for (const kind of await dialectsUnderTest()) {
  describe(`LeadExec async posts and callbacks [${kind}]`, () => {
    let t: TestApp
    const clock = movableClock()
    before(async () => {
      t = await createTestApp(kind, { clock })
    })
    after(() => t.close())

    test('form async: queued in one transaction, processed by the job, status and callback follow', async () => {
      const receiver = await startCallbackServer()
      try {
        const res = await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json/async',
          headers: FORM,
          payload: formBody(person(), `vid=1&lid=1&aid=1&password=demo&returnurl=${receiver.url}/cb`),
        })
        assert.equal(res.statusCode, 200)
        const queued = res.json()
        assert.deepEqual(Object.keys(queued), ['QueueSuccessful', 'PostID', 'ResponseDetails', 'StatusURL'])
        assert.equal(queued.QueueSuccessful, true)
        assert.match(queued.PostID, GUID)
        assert.equal(queued.ResponseDetails, 'Lead has been queued for processing')
        assert.equal(queued.StatusURL, `http://leadflow.test/information/queuestatus/${queued.PostID}`)
        const jobs = await t.lf.db
          .selectFrom('jobs')
          .select('task')
          .where('task', '=', 'intake.process')
          .execute()
        assert.ok(jobs.length >= 1)

        const path = new URL(queued.StatusURL).pathname
        const pending = (await t.app.inject({ method: 'GET', url: path })).json()
        assert.equal(pending.IsValid, false)
        assert.equal(pending.RejectionReason, '')

        await t.lf.worker.drain()
        const done = (await t.app.inject({ method: 'GET', url: path })).json()
        assert.deepEqual(Object.keys(done), [
          'PostID',
          'LeadIdentifier',
          'IsValid',
          'RejectionReason',
          'VendorAccountAssigned',
          'DateReceived',
          'QualityControlDetails',
          'ReturnDetails',
          'Price',
        ])
        assert.equal(done.IsValid, true)
        assert.ok(done.LeadIdentifier > 0)
        assert.equal(done.VendorAccountAssigned, 1)
        assert.deepEqual(Object.keys(done.QualityControlDetails), [
          'PendingReview',
          'DateOfReview',
          'IsQualityControlRejected',
          'RejectionReason',
        ])
        assert.deepEqual(done.ReturnDetails, { IsReturned: false, DateOfReturn: null, ReturnReason: '' })

        assert.equal(receiver.received.length, 1)
        const callback = receiver.received[0]!
        assert.equal(callback.path, '/cb')
        assert.match(callback.contentType, /application\/json/)
        const body = JSON.parse(callback.body)
        assert.equal(body.PostID, queued.PostID)
        assert.equal(body.isValidPost, true)
        assert.equal(body.LeadIdentifier, done.LeadIdentifier)

        await t.lf.worker.drain()
        assert.equal(receiver.received.length, 1, 'a finished post is not processed or called back again')
      } finally {
        await receiver.close()
      }
    })

    test('XML async: LeadQueueResponse, and the callback in XML', async () => {
      const receiver = await startCallbackServer()
      try {
        const res = await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/xml/async',
          headers: XML,
          payload: xmlBody(person(), `vid="1" lid="1" aid="1" password="demo" returnurl="${receiver.url}/x"`),
        })
        assert.ok(res.body.includes('<LeadQueueResponse xmlns:xsd="http://www.w3.org/2001/XMLSchema"'))
        const doc = parseXml(res.body).LeadQueueResponse
        assert.equal(doc.QueueSuccessful, 'true')
        await t.lf.worker.drain()
        const xml = parseXml(receiver.received[0]!.body).PostResponse
        assert.equal(xml.PostID, doc.PostID)
        assert.equal(xml.ResponseType, 'No_Error')
        const status = await t.app.inject({
          method: 'GET',
          url: `/information/status/${doc.PostID}?response_type=xml`,
        })
        const shown = parseXml(status.body).LeadStatusResponse
        assert.equal(shown.IsValid, 'true')
        assert.equal(shown.ReturnDetails.DateOfReturn['@xsi:nil'], 'true')
      } finally {
        await receiver.close()
      }
    })

    test('JSON async with a rejected lead: status shows the reason, the callback says why', async () => {
      const receiver = await startCallbackServer()
      try {
        const source = { vid: 1, lid: 1, aid: 1, password: 'demo', returnURL: `${receiver.url}/j` }
        const res = await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json/async',
          headers: JSON_CT,
          payload: jsonBody({ FirstName: 'No', Email: 'bad' }, source),
        })
        const queued = res.json()
        assert.equal(queued.QueueSuccessful, true)
        await t.lf.worker.drain()
        const status = (
          await t.app.inject({ method: 'GET', url: `/information/queuestatus/${queued.PostID}` })
        ).json()
        assert.equal(status.IsValid, false)
        assert.match(status.RejectionReason, /Email/)
        const body = JSON.parse(receiver.received[0]!.body)
        assert.equal(body.isValidPost, false)
        assert.equal(body.ResponseType, 9)
      } finally {
        await receiver.close()
      }
    })

    test('async with bad credentials: QueueSuccessful false, nothing stored', async () => {
      const before = await countLeads(t.lf)
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json/async',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody(person(), 'vid=1&lid=1&password=wrong'),
      })
      const answer = res.json()
      assert.equal(answer.QueueSuccessful, false)
      assert.match(answer.ResponseDetails, /No_Account_Found/)
      assert.equal(answer.StatusURL, '')
      assert.equal(await countLeads(t.lf), before)
    })

    test('a failing callback receiver is retried with backoff until it answers 2xx', async () => {
      const receiver = await startCallbackServer([500, 503])
      try {
        const res = await t.app.inject({
          method: 'POST',
          url: '/processor/insert/returnsends/json/async',
          headers: FORM,
          payload: formBody(person(), `vid=1&lid=1&password=demo&returnurl=${receiver.url}/retry`),
        })
        const postId = res.json().PostID
        await t.lf.worker.drain()
        assert.equal(receiver.received.length, 1)
        const job = await t.lf.db
          .selectFrom('jobs')
          .selectAll()
          .where('task', '=', 'intake.callback')
          .where('status', '=', 'queued')
          .executeTakeFirstOrThrow()
        assert.ok(new Date(job.run_at) > clock.now(), 'the retry waits for its backoff')
        assert.match(job.last_error ?? '', /HTTP 500/)
        for (let i = 0; i < 2; i++) {
          clock.advance(60_000)
          await t.lf.worker.drain()
        }
        assert.equal(receiver.received.length, 3)
        const body = JSON.parse(receiver.received[2]!.body)
        assert.equal(body.PostID, postId)
        assert.ok(Array.isArray(body.Sends), 'returnsends callbacks carry the Sends list')
        const lead = await t.lf.db
          .selectFrom('leads')
          .select('id')
          .where('post_id', '=', postId)
          .executeTakeFirstOrThrow()
        const events = await t.lf.db
          .selectFrom('events')
          .select('outcome')
          .where('lead_id', '=', lead.id)
          .where('kind', '=', 'callback')
          .orderBy('started_at')
          .execute()
        assert.deepEqual(
          events.map((e) => e.outcome),
          ['failure', 'failure', 'success'],
        )
      } finally {
        await receiver.close()
      }
    })

    test('a returnurl on a private address is refused unless allowed', async () => {
      const strict = await createTestApp(kind, { config: { outboundAllow: [] } })
      const receiver = await startCallbackServer()
      try {
        await strict.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json/async',
          headers: FORM,
          payload: formBody(person(), `vid=1&lid=1&password=demo&returnurl=${receiver.url}/private`),
        })
        await strict.lf.worker.drain()
        assert.equal(receiver.received.length, 0)
        const job = await strict.lf.db
          .selectFrom('jobs')
          .selectAll()
          .where('task', '=', 'intake.callback')
          .executeTakeFirstOrThrow()
        assert.match(job.last_error ?? '', /could not be reached/)
      } finally {
        await receiver.close()
        await strict.close()
      }
    })

    test('sendDelay: accepted now, distributed by a job when the delay has passed', async () => {
      const source = { vid: 1, lid: 1, aid: 1, password: 'demo', sendDelay: 2 }
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: JSON_CT,
        payload: jsonBody(person(), source),
      })
      const answer = res.json()
      assert.equal(answer.isValidPost, true)
      const row = () =>
        t.lf.db
          .selectFrom('leads')
          .selectAll()
          .where('id', '=', answer.LeadIdentifier)
          .executeTakeFirstOrThrow()
      const stored = await row()
      assert.equal(stored.processed_at, null)
      assert.ok(stored.send_after)
      await t.lf.worker.drain()
      assert.equal((await row()).processed_at, null, 'not before its time')
      clock.advance(2 * 3_600_000 + 1000)
      await t.lf.worker.drain()
      const processed = await row()
      assert.ok(processed.processed_at)
      assert.ok(['sold', 'unsold'].includes(processed.status))
    })

    test('noSell: stored and accepted, never distributed', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: JSON_CT,
        payload: jsonBody(person(), undefined, { reference: 'keep', noSell: true }),
      })
      const answer = res.json()
      assert.equal(answer.isValidPost, true)
      assert.equal(answer.Price, 0)
      const lead = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', answer.LeadIdentifier)
        .executeTakeFirstOrThrow()
      assert.equal(lead.no_sell, 1)
      const sales = await t.lf.db.selectFrom('sales').select('id').where('lead_id', '=', lead.id).execute()
      assert.equal(sales.length, 0)
    })
  })
}
