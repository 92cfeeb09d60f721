import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { type SoldLead, sellDemoLead } from '../../helpers/sales-fixture.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'
import { returnLeadGet } from './cake-helpers.js'

/** The queue CAKE's submit_for_approval fills, decided through the native API (docs/returns.md). */
for (const kind of await dialectsUnderTest()) {
  describe(`return queue and reasons in the native API [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const queue = async (sale: SoldLead) => {
      await returnLeadGet(t, { lead_id: sale.leadId, return_type: 'submit_for_approval' })
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/returns?status=pending', headers: ADMIN })
      const item = res.json().items.find((r: any) => r.sale_id === sale.saleId)
      assert.ok(item, 'the queued return is listed')
      return item.id as number
    }
    const decide = (id: number, path: string, body?: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/returns/${id}/${path}`, headers: ADMIN, payload: body })

    test('approve-for-credit decides a queued return once', async () => {
      const sale = await sellDemoLead(t.lf)
      const id = await queue(sale)
      const res = await decide(id, 'approve-for-credit')
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json().status, 'credited')
      const credit = await t.lf.db
        .selectFrom('ledger')
        .select('amount_cents')
        .where('sale_id', '=', sale.saleId)
        .where('entry', '=', 'credit')
        .executeTakeFirstOrThrow()
      assert.equal(credit.amount_cents, -sale.priceCents)
      const again = await decide(id, 'approve-to-replace')
      assert.equal(again.statusCode, 409)
      assert.equal(again.json().error.code, 'LF_CONFLICT')
    })

    test('approve-to-replace creates the replacement row', async () => {
      const sale = await sellDemoLead(t.lf)
      const id = await queue(sale)
      assert.equal((await decide(id, 'approve-to-replace')).json().status, 'replaced')
      const row = await t.lf.db
        .selectFrom('replacements')
        .select('buyer_id')
        .where('original_sale_id', '=', sale.saleId)
        .executeTakeFirstOrThrow()
      assert.equal(row.buyer_id, sale.buyerId)
    })

    test('reject needs an existing reject reason', async () => {
      const sale = await sellDemoLead(t.lf)
      const id = await queue(sale)
      assert.equal((await decide(id, 'reject', {})).statusCode, 400)
      assert.equal((await decide(id, 'reject', { denied_reason_id: 2 })).statusCode, 400)
      const res = await decide(id, 'reject', { denied_reason_id: 6 })
      assert.equal(res.json().status, 'rejected')
      assert.equal(res.json().denied_reason_id, 6)
    })

    test('unknown ids, missing keys and bad bodies answer the native error shape', async () => {
      assert.equal((await decide(999_999, 'approve-for-credit')).statusCode, 404)
      const noKey = await t.app.inject({ method: 'GET', url: '/api/v1/returns' })
      assert.equal(noKey.statusCode, 401)
      const wrongType = await t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: { ...ADMIN, 'content-type': 'text/plain' },
        payload: 'lead_id=1',
      })
      assert.equal(wrongType.statusCode, 415)
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        payload: '{"lead_id":',
      })
      assert.equal(malformed.statusCode, 400)
    })

    test('POST /returns returns a lead with the CAKE rules', async () => {
      const sale = await sellDemoLead(t.lf)
      const body = { lead_id: sale.leadId, return_type: 'approve_for_credit', return_reason_id: 2 }
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: ADMIN,
        payload: body,
      })
      assert.equal(res.statusCode, 201, res.body)
      assert.equal(res.json().status, 'credited')
      assert.equal(res.json().channel, 'native')
      const again = await t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: ADMIN,
        payload: body,
      })
      assert.equal(again.statusCode, 409)
      assert.equal(again.json().error.message, 'Lead is Already in Return List')
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: ADMIN,
        payload: { ...body, lead_id: 987654 },
      })
      assert.equal(unknown.statusCode, 404)
    })

    test('reasons CRUD feeds the CAKE reason lists', async () => {
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/reasons?kind=return', headers: ADMIN })
      assert.deepEqual(
        list.json().items.map((r: any) => [r.id, r.name]),
        [
          [1, 'Wrong number'],
          [2, 'Duplicate'],
          [3, 'Bad contact info'],
          [4, 'Not interested'],
        ],
      )
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reasons',
        headers: ADMIN,
        payload: { kind: 'return', name: 'Fraud' },
      })
      assert.equal(created.statusCode, 201)
      const id = created.json().id
      const dup = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reasons',
        headers: ADMIN,
        payload: { kind: 'return', name: 'fraud' },
      })
      assert.equal(dup.statusCode, 409)
      const renamed = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/reasons/${id}`,
        headers: ADMIN,
        payload: { name: 'Fraudulent lead' },
      })
      assert.equal(renamed.json().name, 'Fraudulent lead')
      const cake = () =>
        t.app.inject({ method: 'GET', url: '/buyers/api/1/leads.asmx/GetReturnReasons?api_key=demo-api-key' })
      assert.match((await cake()).body, /Fraudulent lead/)
      const retired = await t.app.inject({ method: 'DELETE', url: `/api/v1/reasons/${id}`, headers: ADMIN })
      assert.equal(retired.json().active, false)
      assert.doesNotMatch((await cake()).body, /Fraudulent lead/)
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/api/v1/reasons/999', headers: ADMIN })).statusCode,
        404,
      )
    })

    test('the conversions report counts per source and per buyer', async () => {
      const sale = await sellDemoLead(t.lf, { buyer: 'zenith' })
      const res = await t.app.inject({
        method: 'POST',
        url: `/feedback?event_id=${sale.eventId}`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: '{"type":"conversion","reason":"Policy sold"}',
      })
      assert.equal(res.json().outcome, 'success')
      const byBuyer = await t.app.inject({
        method: 'GET',
        url: '/api/v1/reports/conversions?by=buyer',
        headers: ADMIN,
      })
      const zenith = byBuyer.json().items.find((r: any) => r.id === sale.buyerId)
      assert.equal(zenith.name, 'Zenith Leads')
      assert.equal(zenith.conversions, 1)
      assert.ok(zenith.sales >= 1)
      const bySource = await t.app.inject({
        method: 'GET',
        url: '/api/v1/reports/conversions?by=source',
        headers: ADMIN,
      })
      const demo = bySource.json().items[0]
      assert.equal(demo.name, 'Demo Source')
      assert.ok(demo.returns >= 2)
      assert.ok(demo.conversion_rate > 0 && demo.conversion_rate <= 1)
    })
  })
}
