import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Clock } from '../../src/core/ports.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { type SoldLead, sellDemoLead } from '../helpers/sales-fixture.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

let current = new Date('2026-02-27T12:00:00Z')
const clock: Clock = { now: () => current }

for (const kind of await dialectsUnderTest()) {
  describe(`statements and closed periods [${kind}]`, () => {
    let t: TestApp
    let sold: SoldLead[]
    const get = (url: string) => t.app.inject({ url, headers: ADMIN })
    const post = (url: string, payload?: object) =>
      t.app.inject({ method: 'POST', url, headers: ADMIN, ...(payload ? { payload } : {}) })
    const entry = (payload: object) => post('/api/v1/ledger/entries', payload)

    before(async () => {
      current = new Date('2026-02-27T12:00:00Z')
      t = await createTestApp(kind, { clock })
      sold = [
        await sellDemoLead(t.lf, { soldAt: new Date('2026-01-20T10:00:00Z') }),
        await sellDemoLead(t.lf, { soldAt: new Date('2026-02-10T10:00:00Z') }),
        await sellDemoLead(t.lf, { soldAt: new Date('2026-02-20T10:00:00Z') }),
      ]
      const lead = await t.lf.db
        .selectFrom('leads')
        .select('source_id')
        .where('id', '=', sold[0]!.leadId)
        .executeTakeFirstOrThrow()
      sourceId = lead.source_id as number
    })
    after(() => t.close())

    test('a buyer statement sums the period and carries the balance over', async () => {
      const buyer = sold[0]!.buyerId
      const paid = await entry({
        account_kind: 'buyer',
        account_id: buyer,
        entry: 'payment',
        amount_cents: 1500,
        reason: 'wire',
      })
      assert.equal(paid.statusCode, 201, paid.body)
      assert.equal(paid.json().booked_on, '2026-02-27')
      const res = await get(`/api/v1/statements/buyer/${buyer}?period=2026-02`)
      assert.equal(res.statusCode, 200, res.body)
      const s = res.json()
      const price = sold[0]!.priceCents
      assert.equal(s.opening_balance_cents, price)
      assert.equal(s.summary.sales, 2)
      assert.equal(s.summary.sales_cents, 2 * price)
      assert.equal(s.summary.payments_cents, -1500)
      assert.equal(s.closing_balance_cents, 3 * price - 1500)
      assert.equal(s.closed, false)
      assert.equal(s.lines.length, 3)
      const balance = (await get(`/api/v1/ledger/balances/buyer/${buyer}`)).json()
      assert.equal(balance.balance_cents, s.closing_balance_cents)
    })

    test('a closed period never changes; later credits land in the next open period', async () => {
      const buyer = sold[0]!.buyerId
      assert.equal((await post('/api/v1/ledger/periods/2026-02/close')).statusCode, 409) // not ended
      current = new Date('2026-03-01T00:05:00Z')
      const closed = await post('/api/v1/ledger/periods/2026-02/close')
      assert.equal(closed.statusCode, 200, closed.body)
      assert.deepEqual(
        { ...(closed.json() as object), closed_at: null },
        { open_from: '2026-03-01', closed_through: '2026-02', closed_at: null },
      )
      const february = await get(`/api/v1/statements/buyer/${buyer}?period=2026-02`)
      const feb = february.json()
      assert.equal(feb.closed, true)
      const febCsv = (await get(`/api/v1/statements/buyer/${buyer}?period=2026-02&format=csv`)).body
      const sourceFeb = (await get(`/api/v1/statements/source/${sourceIdOf(t)}?period=2026-02`)).body

      // A credit written by a node whose clock still says February, and a backdated adjustment.
      current = new Date('2026-02-28T23:59:00Z')
      const credited = await post('/api/v1/returns', {
        lead_id: String(sold[2]!.leadId),
        return_type: 'approve_for_credit',
        return_reason_id: 1,
      })
      assert.equal(credited.statusCode, 201, credited.body)
      const refused = await entry({
        account_kind: 'buyer',
        account_id: buyer,
        entry: 'adjustment',
        amount_cents: -100,
        reason: 'goodwill',
        booked_on: '2026-02-15',
      })
      assert.equal(refused.statusCode, 409)
      assert.equal(refused.json().error.code, 'LF_PERIOD_CLOSED')
      const late = await entry({
        account_kind: 'buyer',
        account_id: buyer,
        entry: 'adjustment',
        amount_cents: -100,
        reason: 'goodwill',
      })
      assert.equal(late.json().booked_on, '2026-03-01')
      current = new Date('2026-03-05T00:00:00Z')

      assert.deepEqual((await get(`/api/v1/statements/buyer/${buyer}?period=2026-02`)).json(), feb)
      assert.equal((await get(`/api/v1/statements/buyer/${buyer}?period=2026-02&format=csv`)).body, febCsv)
      assert.equal((await get(`/api/v1/statements/source/${sourceIdOf(t)}?period=2026-02`)).body, sourceFeb)
      const march = (await get(`/api/v1/statements/buyer/${buyer}?period=2026-03`)).json()
      assert.equal(march.opening_balance_cents, feb.closing_balance_cents)
      assert.equal(march.summary.credits, 1)
      assert.equal(march.summary.credits_cents, -sold[2]!.priceCents)
      assert.equal(march.summary.adjustments_cents, -100)
      assert.equal(march.closing_balance_cents, feb.closing_balance_cents - sold[2]!.priceCents - 100)
      assert.ok(march.lines.every((l: { booked_on: string }) => l.booked_on === '2026-03-01'))
    })

    test('statements render as CSV and as a printable HTML page', async () => {
      const buyer = sold[0]!.buyerId
      const csv = await get(`/api/v1/statements/buyer/${buyer}?period=2026-02&format=csv`)
      assert.match(csv.headers['content-type'] as string, /^text\/csv/)
      const rows = csv.body.trim().split('\n')
      assert.equal(rows[0], 'row,booked_on,entry,lead_id,sale_id,memo,amount_cents')
      assert.match(rows[1]!, /^opening_balance,2026-02-01,/)
      assert.match(rows.at(-1)!, /^closing_balance,2026-03-01,/)
      const html = await t.app.inject({
        url: `/api/v1/statements/buyer/${buyer}?period=2026-02`,
        headers: { ...ADMIN, accept: 'text/html' },
      })
      assert.match(html.headers['content-type'] as string, /^text\/html/)
      assert.match(html.body, /@media print/)
      assert.match(html.body, /Closing balance/)
      assert.doesNotMatch(html.body, /<script|<link|src=|url\(/)
      const source = (await get(`/api/v1/statements/source/${sourceIdOf(t)}?period=2026-02`)).json()
      assert.equal(typeof source.summary.leads_bought, 'number')
      assert.equal((await get(`/api/v1/statements/buyer/999999?period=2026-02`)).statusCode, 404)
      assert.equal((await get(`/api/v1/statements/buyer/${buyer}?period=2026-13`)).statusCode, 400)
    })
  })
}

let sourceId = 0
const sourceIdOf = (_t: TestApp) => sourceId
