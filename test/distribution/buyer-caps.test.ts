import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import {
  addContract,
  insertLead,
  JSON_RULES,
  onlyTestBuyers,
  setBuyerSettings,
  setLeadTypeSettings,
} from './fixtures.js'

/** Issue 16, "Buyer-level caps, budgets and orders": across all of a buyer's contracts, atomically. */
for (const kind of await dialectsUnderTest()) {
  describe(`buyer-wide caps and budgets [${kind}]`, () => {
    let t: TestApp
    let ok: BuyerServer
    before(async () => {
      t = await createTestApp(kind)
      ok = await startBuyer(() => ({ delayMs: 5, body: { status: 'accepted' } }))
    })
    after(async () => {
      await ok.close()
      await t.close()
    })

    test('50 concurrent posts: a buyer cap of 7 and a budget of $100 hold exactly across contracts', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const delivery = { url: ok.url, response: JSON_RULES }
      // Buyer A: two contracts (their own caps far away), one buyer-wide order of 7 a day.
      const a1 = await addContract(t.lf, { buyer: 'A one', priority: 1, priceCents: 1000, delivery })
      const a2 = await addContract(t.lf, {
        buyer: 'A two',
        buyerId: a1.buyerId,
        priority: 2,
        priceCents: 900,
        caps: [{ period: 'day', count: 100 }],
        delivery,
      })
      await setBuyerSettings(t.lf, a1.buyerId, {
        timeZone: 'America/Chicago',
        caps: [{ period: 'day', count: 7 }],
      })
      // Buyer B: two contracts, a weekly budget of $100 at $25 a lead.
      const b1 = await addContract(t.lf, { buyer: 'B one', priority: 3, priceCents: 2500, delivery })
      const b2 = await addContract(t.lf, {
        buyer: 'B two',
        buyerId: b1.buyerId,
        priority: 4,
        priceCents: 2500,
        delivery,
      })
      await setBuyerSettings(t.lf, b1.buyerId, { caps: [{ period: 'week', spendCents: 10_000 }] })
      const rest = await addContract(t.lf, { buyer: 'Everyone else', priority: 9, priceCents: 100, delivery })

      const leads = await Promise.all(
        Array.from({ length: 50 }, (_, i) => insertLead(t.lf, { Email: `bc${i}@example.com` })),
      )
      const outcomes = await Promise.all(leads.map((id) => t.services.distribution.distribute(id)))
      assert.equal(outcomes.filter((o) => o.sold).length, 50)

      const sales = await t.lf.db
        .selectFrom('sales')
        .select(['buyer_id', 'contract_id', 'price_cents'])
        .execute()
      const of = (buyerId: number) => sales.filter((s) => s.buyer_id === buyerId)
      assert.equal(of(a1.buyerId).length, 7)
      assert.equal(
        of(b1.buyerId).reduce((sum, s) => sum + s.price_cents, 0),
        10_000,
      )
      assert.equal(sales.filter((s) => s.contract_id === rest.contractId).length, 50 - 7 - 4)
      assert.ok([a1.contractId, a2.contractId].includes(of(a1.buyerId)[0]!.contract_id))
      assert.ok([b1.contractId, b2.contractId].includes(of(b1.buyerId)[0]!.contract_id))

      const counters = await t.lf.db.selectFrom('cap_counters').selectAll().execute()
      const a = counters.find((c) => c.subject === `buyer:${a1.buyerId}`)!
      assert.match(a.window, /^day:\d{4}-\d{2}-\d{2}$/)
      assert.equal(Number(a.count), 7)
      const b = counters.find((c) => c.subject === `buyer:${b1.buyerId}`)!
      assert.match(b.window, /^week:/)
      assert.equal(Number(b.spend_cents), 10_000)

      // The cap-pacing report shows the buyer-wide rows from the same counters.
      const pacing = await t.app.inject({ method: 'GET', url: '/api/v1/reports/cap-pacing', headers: ADMIN })
      assert.equal(pacing.statusCode, 200, pacing.body)
      const rows = pacing.json().rows as Array<Record<string, unknown>>
      const row = rows.find((r) => r.subject_kind === 'buyer' && r.subject_id === a1.buyerId)
      assert.deepEqual(
        row && [row.subject_name, row.time_zone, row.count_used, row.count_cap, row.percent_used],
        ['A one', 'America/Chicago', 7, 7, 100],
      )
    })

    test('a buyer cap period the engine cannot read skips its contracts with the reason', async () => {
      await onlyTestBuyers(t.lf)
      const c = await addContract(t.lf, {
        buyer: 'Broken settings',
        delivery: { url: ok.url, response: JSON_RULES },
      })
      await setBuyerSettings(t.lf, c.buyerId, { caps: [{ period: 'fortnight', count: 1 }] })
      const leadId = await insertLead(t.lf, { Email: 'broken@example.com' })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, false)
      const skip = await t.lf.db
        .selectFrom('events')
        .select('reason')
        .where('lead_id', '=', leadId)
        .where('contract_id', '=', c.contractId)
        .executeTakeFirstOrThrow()
      assert.equal(skip.reason, 'buyer settings invalid: cap period "fortnight"')
    })
  })
}
