import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import {
  addContract,
  demoIds,
  insertLead,
  JSON_RULES,
  onlyTestBuyers,
  setLeadTypeSettings,
  setSourceSettings,
} from './fixtures.js'

for (const kind of await dialectsUnderTest()) {
  describe(`replacements, retries and the ledger [${kind}]`, () => {
    let t: TestApp
    let ok: BuyerServer
    let flaky: BuyerServer
    let flakyCalls = 0
    before(async () => {
      t = await createTestApp(kind)
      ok = await startBuyer(() => ({ body: { status: 'accepted' } }))
      flaky = await startBuyer(() =>
        ++flakyCalls === 1 ? { status: 502, body: 'bad gateway' } : { body: { status: 'accepted' } },
      )
    })
    after(async () => {
      await ok.close()
      await flaky.close()
      await t.close()
    })

    test('an owed replacement is fulfilled first at price 0, then the lead sells on as usual', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall', maxSends: 2 })
      await setSourceSettings(t.lf, { margin: { kind: 'fixed', value: 300 } })
      const owed = await addContract(t.lf, {
        buyer: 'Owed',
        priority: 50,
        priceCents: 2000,
        delivery: { url: ok.url, response: JSON_RULES },
      })
      const other = await addContract(t.lf, {
        buyer: 'Other',
        priority: 1,
        priceCents: 1500,
        delivery: { url: ok.url, response: JSON_RULES },
      })
      const first = await insertLead(t.lf, { Email: 'first@example.com' })
      await t.services.distribution.distribute(first)
      const original = await t.lf.db
        .selectFrom('sales')
        .selectAll()
        .where('lead_id', '=', first)
        .where('contract_id', '=', owed.contractId)
        .executeTakeFirstOrThrow()
      const { leadTypeId } = await demoIds(t.lf)
      const replacement = await t.lf.db
        .insertInto('replacements')
        .values({
          original_sale_id: original.id,
          buyer_id: owed.buyerId,
          contract_id: owed.contractId,
          lead_type_id: leadTypeId,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()

      const next = await insertLead(t.lf, { Email: 'next@example.com' })
      const outcome = await t.services.distribution.distribute(next)
      assert.deepEqual(
        outcome.sends.map((s) => [s.contractId, s.priceCents]),
        [
          [owed.contractId, 0],
          [other.contractId, 1500],
        ],
      )
      const row = await t.lf.db
        .selectFrom('replacements')
        .selectAll()
        .where('id', '=', replacement.id)
        .executeTakeFirstOrThrow()
      const sale = await t.lf.db
        .selectFrom('sales')
        .selectAll()
        .where('id', '=', row.fulfilled_sale_id!)
        .executeTakeFirstOrThrow()
      assert.equal(sale.lead_id, next)
      assert.equal(sale.replacement_for_sale_id, original.id)
      assert.equal(outcome.sourcePriceCents, 1200) // $15 less the $3 margin; the replacement earns nothing
      await setSourceSettings(t.lf, {})
    })

    test('a delivery error with retry settings becomes a job that sells later', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const c = await addContract(t.lf, {
        buyer: 'Retry later',
        priceCents: 900,
        delivery: { url: flaky.url, response: JSON_RULES, retry: { attempts: 2, delaysMs: [0] } },
      })
      const leadId = await insertLead(t.lf, { Email: 'retry@example.com' })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, false)
      const job = await t.lf.db
        .selectFrom('jobs')
        .selectAll()
        .where('task', '=', 'distribution.delivery-retry')
        .executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(job.payload_json), { leadId, contractId: c.contractId, attempt: 1 })
      await t.lf.worker.drain()
      const sale = await t.lf.db
        .selectFrom('sales')
        .selectAll()
        .where('lead_id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(Number(sale.price_cents), 900)
      assert.equal(
        flaky.received[0]!.headers['idempotency-key'],
        flaky.received[1]!.headers['idempotency-key'],
      )
      const lead = await t.lf.db
        .selectFrom('leads')
        .select('status')
        .where('id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'sold')
    })

    test('sale prices, lead totals and ledger rows balance', async () => {
      const sum = async (q: Promise<{ n: unknown } | undefined>) => Number((await q)?.n ?? 0)
      const sales = await sum(
        t.lf.db
          .selectFrom('sales')
          .select(sql<number>`coalesce(sum(price_cents), 0)`.as('n'))
          .executeTakeFirst(),
      )
      const debits = await sum(
        t.lf.db
          .selectFrom('ledger')
          .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('n'))
          .where('entry', '=', 'sale')
          .executeTakeFirst(),
      )
      const leadPrices = await sum(
        t.lf.db
          .selectFrom('leads')
          .select(sql<number>`coalesce(sum(price_cents), 0)`.as('n'))
          .executeTakeFirst(),
      )
      const costs = await sum(
        t.lf.db
          .selectFrom('ledger')
          .select(sql<number>`coalesce(sum(amount_cents), 0)`.as('n'))
          .where('entry', '=', 'source_cost')
          .executeTakeFirst(),
      )
      const leadCosts = await sum(
        t.lf.db
          .selectFrom('leads')
          .select(sql<number>`coalesce(sum(cost_cents), 0)`.as('n'))
          .executeTakeFirst(),
      )
      assert.ok(sales > 0)
      assert.equal(debits, sales)
      assert.equal(leadPrices, sales)
      assert.equal(costs, leadCosts)
      assert.ok(costs <= sales)
    })
  })
}
