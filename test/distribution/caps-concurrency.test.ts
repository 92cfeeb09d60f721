import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import {
  addContract,
  insertLead,
  JSON_RULES,
  onlyTestBuyers,
  setLeadTypeSettings,
  setSourceSettings,
} from './fixtures.js'

for (const kind of await dialectsUnderTest()) {
  describe(`caps under concurrency [${kind}]`, () => {
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

    test('50 parallel distributions never exceed a count cap or a spend cap', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const counted = await addContract(t.lf, {
        buyer: 'Capped',
        priority: 1,
        priceCents: 1000,
        caps: [{ period: 'day', count: 7 }],
        schedule: { timeZone: 'America/New_York' },
        delivery: { url: ok.url, response: JSON_RULES },
      })
      const spend = await addContract(t.lf, {
        buyer: 'Budget',
        priority: 2,
        priceCents: 2500,
        caps: [{ period: 'week', spendCents: 10_000 }],
        delivery: { url: ok.url, response: JSON_RULES },
      })
      const leads = await Promise.all(
        Array.from({ length: 50 }, (_, i) => insertLead(t.lf, { Email: `cap${i}@example.com` })),
      )
      const outcomes = await Promise.all(leads.map((id) => t.services.distribution.distribute(id)))

      const sales = await t.lf.db.selectFrom('sales').select(['contract_id', 'price_cents']).execute()
      assert.equal(sales.filter((s) => s.contract_id === counted.contractId).length, 7)
      assert.equal(sales.filter((s) => s.contract_id === spend.contractId).length, 4) // 4 × $25 = $100
      assert.equal(outcomes.filter((o) => o.sold).length, 11)
      const counters = await t.lf.db.selectFrom('cap_counters').selectAll().execute()
      const day = counters.find((c) => c.subject === `contract:${counted.contractId}`)!
      assert.match(day.window, /^day:\d{4}-\d{2}-\d{2}$/)
      assert.equal(day.count, 7)
      const week = counters.find((c) => c.subject === `contract:${spend.contractId}`)!
      assert.equal(Number(week.spend_cents), 10_000)
      const skips = await t.lf.db
        .selectFrom('events')
        .select('reason')
        .where('reason', '=', 'cap reached')
        .execute()
      assert.ok(skips.length >= 50 - 11)
    })

    test('a source cap limits sales across every buyer', async () => {
      await onlyTestBuyers(t.lf)
      await setSourceSettings(t.lf, { caps: [{ period: 'hour', count: 3 }], timeZone: 'Europe/London' })
      await addContract(t.lf, {
        buyer: 'Open',
        priceCents: 500,
        delivery: { url: ok.url, response: JSON_RULES },
      })
      const leads = await Promise.all(
        Array.from({ length: 10 }, (_, i) => insertLead(t.lf, { Email: `src${i}@example.com` })),
      )
      const outcomes = await Promise.all(leads.map((id) => t.services.distribution.distribute(id)))
      assert.equal(outcomes.filter((o) => o.sold).length, 3)
      await setSourceSettings(t.lf, {})
    })
  })
}
