import assert from 'node:assert/strict'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { createCredential } from '../../../src/storage/credential-store.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { type SoldLead, sellDemoLead } from '../../helpers/sales-fixture.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' }
const RETURN = '{"type":"return","reason":"Wrong number"}'

for (const kind of await dialectsUnderTest()) {
  describe(`LeadConduit feedback rules [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      const zenith = await t.lf.db
        .selectFrom('buyers')
        .select('id')
        .where('name', '=', 'Zenith Leads')
        .executeTakeFirstOrThrow()
      await createCredential(
        t.lf.db,
        { ownerKind: 'buyer', ownerId: zenith.id, kind: 'api_key', secret: 'zenith-key' },
        new Date(),
      )
    })
    after(() => t.close())

    const feedback = (eventId: string, payload = RETURN, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/feedback?event_id=${eventId}`,
        headers: { ...JSON_HEADERS, ...headers },
        payload,
      })
    const setPolicy = (sale: SoldLead, policy: object) =>
      t.lf.db
        .updateTable('contracts')
        .set({ return_policy_json: JSON.stringify(policy) })
        .where('id', '=', sale.contractId)
        .execute()
    const returnsOf = (sale: SoldLead) =>
      t.lf.db.selectFrom('returns').selectAll().where('sale_id', '=', sale.saleId).execute()

    test("a buyer cannot return another buyer's lead", async () => {
      const acmeSale = await sellDemoLead(t.lf, { buyer: 'acme' })
      const res = await feedback(acmeSale.eventId, RETURN, { authorization: 'Bearer zenith-key' })
      assert.equal(res.statusCode, 403)
      assert.equal(res.json().outcome, 'error')
      assert.equal((await returnsOf(acmeSale)).length, 0)
      const own = await sellDemoLead(t.lf, { buyer: 'zenith' })
      assert.deepEqual((await feedback(own.eventId, RETURN, { authorization: 'Bearer zenith-key' })).json(), {
        outcome: 'success',
      })
    })

    test('an unknown or malformed buyer key is refused', async () => {
      const sale = await sellDemoLead(t.lf)
      const res = await feedback(sale.eventId, RETURN, { authorization: 'Bearer nope' })
      assert.equal(res.statusCode, 401)
      assert.equal(res.json().outcome, 'error')
    })

    test('an event id that is not a sale (another kind of event) is an error', async () => {
      const sale = await sellDemoLead(t.lf)
      await feedback(sale.eventId)
      const feedbackEvent = await t.lf.db
        .selectFrom('events')
        .select('id')
        .where('lead_id', '=', sale.leadId)
        .where('kind', '=', 'feedback')
        .executeTakeFirstOrThrow()
      assert.equal((await feedback(feedbackEvent.id)).statusCode, 404)
    })

    test('a second return of the same sale answers "Lead is Already in Return List"', async () => {
      const sale = await sellDemoLead(t.lf)
      assert.equal((await feedback(sale.eventId)).json().outcome, 'success')
      assert.deepEqual((await feedback(sale.eventId)).json(), {
        outcome: 'failure',
        reason: 'Lead is Already in Return List',
      })
    })

    test('20 concurrent duplicate returns create one return', async () => {
      const sale = await sellDemoLead(t.lf)
      const answers = await Promise.all(Array.from({ length: 20 }, () => feedback(sale.eventId)))
      const outcomes = answers.map((a) => a.json())
      assert.equal(outcomes.filter((o) => o.outcome === 'success').length, 1)
      for (const o of outcomes.filter((x) => x.outcome !== 'success')) {
        assert.deepEqual(o, { outcome: 'failure', reason: 'Lead is Already in Return List' })
      }
      assert.equal((await returnsOf(sale)).length, 1)
    })

    test('every attempt, accepted or not, is an event on the lead', async () => {
      const sale = await sellDemoLead(t.lf)
      await feedback(sale.eventId)
      await feedback(sale.eventId)
      await feedback(sale.eventId, '{"type":"nonsense"}')
      const events = await t.lf.db
        .selectFrom('events')
        .select(['outcome', 'reason', 'step', 'buyer_id'])
        .where('lead_id', '=', sale.leadId)
        .where('kind', '=', 'feedback')
        .orderBy('started_at')
        .execute()
      assert.deepEqual(
        events.map((e) => e.outcome),
        ['success', 'failure', 'failure'],
      )
      assert.equal(events[1]!.reason, 'Lead is Already in Return List')
      assert.ok(events.every((e) => e.buyer_id === sale.buyerId))
    })

    test('a reason outside allowedReasons is refused with the accepted list', async () => {
      const sale = await sellDemoLead(t.lf)
      await setPolicy(sale, { windowDays: 7, allowedReasons: ['Duplicate'] })
      const res = await feedback(sale.eventId)
      assert.equal(res.json().outcome, 'failure')
      assert.match(res.json().reason, /not accepted; accepted reasons: Duplicate/)
      await setPolicy(sale, { windowDays: 7 })
    })

    test('the return-rate cap refuses returns past its share', async () => {
      const first = await sellDemoLead(t.lf, { buyer: 'zenith' })
      await setPolicy(first, { maxReturnRate: 0, returnRatePeriodDays: 30 })
      const res = await feedback(first.eventId)
      assert.equal(res.json().outcome, 'failure')
      assert.match(res.json().reason, /at most 0% of leads may be returned per 30 days/)
      await setPolicy(first, { windowDays: 7 })
    })

    test('conversions can be switched off per contract', async () => {
      const sale = await sellDemoLead(t.lf, { buyer: 'zenith' })
      await setPolicy(sale, { allowConversions: false })
      const res = await feedback(sale.eventId, '{"type":"conversion","reason":"sold"}')
      assert.deepEqual(res.json(), {
        outcome: 'failure',
        reason: 'Conversions are not accepted for this lead',
      })
      await setPolicy(sale, { windowDays: 7 })
    })

    test('auto-approved returns credit the buyer, charge back the source and post back to it', async () => {
      const received: Array<{ headers: IncomingMessage['headers']; body: any }> = []
      const receiver = createServer((req, res) => {
        let body = ''
        req.on('data', (c) => {
          body += c
        })
        req.on('end', () => {
          received.push({ headers: req.headers, body: JSON.parse(body) })
          res.end('ok')
        })
      })
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/postback`
      try {
        const sale = await sellDemoLead(t.lf, { costCents: 1200 })
        await setPolicy(sale, { windowDays: 7, autoApprove: true })
        await t.lf.db
          .updateTable('sources')
          .set({ settings_json: JSON.stringify({ postbackUrl: url, chargebackReturns: true }) })
          .execute()
        assert.deepEqual((await feedback(sale.eventId)).json(), { outcome: 'success' })
        const ledger = await t.lf.db
          .selectFrom('ledger')
          .select(['account_kind', 'entry', 'amount_cents'])
          .where('sale_id', '=', sale.saleId)
          .orderBy('id')
          .execute()
        assert.deepEqual(ledger, [
          { account_kind: 'buyer', entry: 'sale', amount_cents: sale.priceCents },
          { account_kind: 'buyer', entry: 'credit', amount_cents: -sale.priceCents },
          { account_kind: 'source', entry: 'chargeback', amount_cents: -1200 },
        ])
        const saleRow = await t.lf.db
          .selectFrom('sales')
          .select('state')
          .where('id', '=', sale.saleId)
          .executeTakeFirstOrThrow()
        assert.equal(saleRow.state, 'credited')
        const lead = await t.lf.db
          .selectFrom('leads')
          .select('status')
          .where('id', '=', sale.leadId)
          .executeTakeFirstOrThrow()
        assert.equal(lead.status, 'returned')
        await t.lf.worker.drain()
        assert.equal(received.length, 1)
        assert.equal(received[0]!.body.type, 'return')
        assert.equal(received[0]!.body.status, 'credited')
        assert.equal(received[0]!.body.lead_id, sale.leadId)
        assert.equal(received[0]!.headers['idempotency-key'], received[0]!.body.event_id)
      } finally {
        receiver.close()
        await t.lf.db.updateTable('sources').set({ settings_json: '{}' }).execute()
      }
    })
  })
}
