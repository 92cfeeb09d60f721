import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { formBody, person } from '../protocols/leadexec/leadexec-fixtures.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import {
  addContract,
  demoIds,
  insertLead,
  JSON_RULES,
  onlyTestBuyers,
  setBuyerSettings,
  setLeadTypeSettings,
  setSourceSettings,
} from './fixtures.js'

/**
 * Issue 16, "Test mode": a test lead runs the whole path to buyers that take test leads and never
 * counts in caps, rotations, billing or reports.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`test leads [${kind}]`, () => {
    let t: TestApp
    let ok: BuyerServer
    let ids: {
      real: { buyerId: number; contractId: number }
      tester: { buyerId: number; contractId: number }
    }
    const post = async (extra = '') =>
      t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody(person(), `vid=1&lid=1&aid=1&password=demo${extra}`),
      })
    const lastLead = () =>
      t.lf.db.selectFrom('leads').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

    before(async () => {
      t = await createTestApp(kind)
      ok = await startBuyer((r) =>
        r.url.startsWith('/ping')
          ? { body: { status: 'accepted', price: '9.00' } }
          : { body: { status: 'accepted' } },
      )
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      await setSourceSettings(t.lf, { postCaps: [{ period: 'day', count: 1000 }] })
      const caps = [{ period: 'day', count: 1 }]
      ids = {
        real: await addContract(t.lf, {
          buyer: 'Real only',
          priority: 1,
          caps,
          delivery: { url: `${ok.url}/post`, response: JSON_RULES },
        }),
        tester: await addContract(t.lf, {
          buyer: 'Takes tests',
          priority: 2,
          caps,
          settings: { acceptsTestLeads: true },
          delivery: { url: `${ok.url}/post`, response: JSON_RULES },
        }),
      }
      await setBuyerSettings(t.lf, ids.tester.buyerId, { caps: [{ period: 'day', count: 1 }] })
      await t.lf.db
        .insertInto('buyer_credit')
        .values({
          buyer_id: ids.tester.buyerId,
          limit_cents: 1,
          balance_cents: 0,
          reserved_cents: 0,
          updated_at: new Date().toISOString(),
        })
        .execute()
    })
    after(async () => {
      await ok.close()
      await t.close()
    })

    test('a post flagged leadflow_test runs the whole path to a buyer that takes test leads, again and again', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await post('&leadflow_test=true')
        assert.equal(res.statusCode, 200, res.body)
        const lead = await lastLead()
        assert.equal(lead.is_test, 1)
        assert.equal(lead.status, 'sold')
        const sale = await t.lf.db
          .selectFrom('sales')
          .selectAll()
          .where('lead_id', '=', lead.id)
          .executeTakeFirstOrThrow()
        // Its caps (contract 1/day, buyer 1/day) and a 1¢ credit limit do not see it: three in a row sell.
        assert.equal(sale.contract_id, ids.tester.contractId)
        const skip = await t.lf.db
          .selectFrom('events')
          .select('reason')
          .where('lead_id', '=', lead.id)
          .where('contract_id', '=', ids.real.contractId)
          .executeTakeFirstOrThrow()
        assert.equal(skip.reason, 'contract does not take test leads')
        // Never billed: no ledger rows, no lead totals.
        const ledger = await t.lf.db
          .selectFrom('ledger')
          .select('id')
          .where('lead_id', '=', lead.id)
          .execute()
        assert.equal(ledger.length, 0)
        assert.equal(Number(lead.price_cents), 0)
      }
      const counters = await t.lf.db.selectFrom('cap_counters').selectAll().execute()
      assert.deepEqual(counters, [])
      const credit = await t.lf.db
        .selectFrom('buyer_credit')
        .selectAll()
        .where('buyer_id', '=', ids.tester.buyerId)
        .executeTakeFirstOrThrow()
      assert.equal(Number(credit.reserved_cents), 0)
      assert.equal(Number(credit.balance_cents), 0)
    })

    test('a test source marks every lead; a real lead then counts as usual', async () => {
      await setSourceSettings(t.lf, { test: true, postCaps: [{ period: 'day', count: 1000 }] })
      assert.equal((await post()).statusCode, 200)
      assert.equal((await lastLead()).is_test, 1)
      await setSourceSettings(t.lf, { postCaps: [{ period: 'day', count: 1000 }] })
      assert.equal((await post()).statusCode, 200)
      const real = await lastLead()
      assert.equal(real.is_test, 0)
      const sale = await t.lf.db
        .selectFrom('sales')
        .selectAll()
        .where('lead_id', '=', real.id)
        .executeTakeFirstOrThrow()
      assert.equal(sale.contract_id, ids.real.contractId)
      const counters = await t.lf.db.selectFrom('cap_counters').select(['subject', 'count']).execute()
      assert.deepEqual(
        counters.map((c) => [c.subject, Number(c.count)]).sort(),
        [
          [`contract:${ids.real.contractId}`, 1],
          ['source-posts:1', 1],
        ].sort(),
      )
      const ledger = await t.lf.db
        .selectFrom('ledger')
        .select('entry')
        .where('lead_id', '=', real.id)
        .execute()
      assert.deepEqual(ledger.map((l) => l.entry).sort(), ['sale', 'source_cost'])
    })

    test('reports leave test leads out unless asked; the buyer statement has only the real sale', async () => {
      const q = `from=${day(-1)}&to=${day(1)}`
      const without = await t.app.inject({ method: 'GET', url: `/api/v1/reports/pnl?${q}`, headers: ADMIN })
      assert.equal(without.statusCode, 200, without.body)
      assert.equal(without.json().totals.posted, 1)
      assert.equal(without.json().totals.sends, 1)
      const withTest = await t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/pnl?${q}&include_test=true`,
        headers: ADMIN,
      })
      assert.equal(withTest.json().totals.posted, 5)
      assert.equal(withTest.json().totals.sends, 5)
      // Operating reports too: the tester contract's posts were all test leads.
      const health = await t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/delivery-health?${q}`,
        headers: ADMIN,
      })
      assert.equal(health.statusCode, 200, health.body)
      const rows = health.json().rows as Array<{ contract_id: number; attempts: number }>
      assert.equal(rows.find((r) => r.contract_id === ids.tester.contractId)?.attempts ?? 0, 0)
      assert.equal(rows.find((r) => r.contract_id === ids.real.contractId)?.attempts, 1)
      const balance = await t.app.inject({
        method: 'GET',
        url: `/api/v1/ledger/balances/buyer/${ids.tester.buyerId}`,
        headers: ADMIN,
      })
      assert.equal(balance.json().balance_cents, 0)
    })

    test('a test lead returned for credit moves no money', async () => {
      const sale = await t.lf.db
        .selectFrom('sales')
        .innerJoin('leads', 'leads.id', 'sales.lead_id')
        .select('sales.lead_id')
        .where('leads.is_test', '=', 1)
        .executeTakeFirstOrThrow()
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: ADMIN,
        payload: { lead_id: String(sale.lead_id), return_type: 'approve_for_credit', return_reason_id: 1 },
      })
      assert.equal(res.statusCode, 201, res.body)
      const ledger = await t.lf.db
        .selectFrom('ledger')
        .select('id')
        .where('lead_id', '=', sale.lead_id)
        .execute()
      assert.deepEqual(ledger, [])
    })

    test('a test lead never settles a replacement owed to a buyer', async () => {
      const anySale = await t.lf.db.selectFrom('sales').select('id').executeTakeFirstOrThrow()
      const { leadTypeId } = await demoIds(t.lf)
      const owed = await t.lf.db
        .insertInto('replacements')
        .values({
          original_sale_id: anySale.id,
          buyer_id: ids.tester.buyerId,
          contract_id: ids.tester.contractId,
          lead_type_id: leadTypeId,
          fulfilled_sale_id: null,
          created_at: new Date().toISOString(),
          fulfilled_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const leadId = await insertLead(t.lf, { Email: 'no-replacement@example.com' }, { isTest: true })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sends.find((x) => x.valid)?.priceCents, 1000) // an ordinary (test) sale, not a free replacement
      const row = await t.lf.db
        .selectFrom('replacements')
        .select('fulfilled_sale_id')
        .where('id', '=', owed.id)
        .executeTakeFirstOrThrow()
      assert.equal(row.fulfilled_sale_id, null)
      await t.lf.db.deleteFrom('replacements').where('id', '=', owed.id).execute()
    })

    test('a test lead walks a rotation without moving it', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'round_robin' })
      await t.lf.db.updateTable('contracts').set({ caps_json: '[]' }).execute()
      await t.lf.db
        .updateTable('contracts')
        .set({ settings_json: JSON.stringify({ acceptsTestLeads: true }) })
        .where('id', '=', ids.real.contractId)
        .execute()
      for (let i = 0; i < 3; i++) {
        const id = await insertLead(t.lf, { Email: `rot-test${i}@example.com` }, { isTest: true })
        assert.equal((await t.services.distribution.distribute(id)).sold, true)
      }
      assert.deepEqual(await t.lf.db.selectFrom('rotation_turns').selectAll().execute(), [])
    })

    test('a test ping asks only contracts that take test leads', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'ping_post' })
      await t.lf.db
        .updateTable('contracts')
        .set({ settings_json: '{}' })
        .where('id', '=', ids.real.contractId)
        .execute()
      const { sourceId, leadTypeId } = await demoIds(t.lf)
      const ping = await t.services.distribution.ping({ sourceId, leadTypeId, fields: {}, test: true })
      assert.deepEqual(
        ping.bids.map((b) => b.contractId),
        [ids.tester.contractId],
      )
      // The same through LeadExec's ping endpoint, flagged with leadflow_test.
      const edge = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/ping/json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'vid=1&lid=1&aid=1&password=demo&leadflow_test=true&Zip=90210',
      })
      assert.equal(edge.statusCode, 200, edge.body)
      const order = await t.lf.db
        .selectFrom('ping_orders')
        .select('bids_json')
        .where('id', '=', edge.json().OrderID)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        JSON.parse(order.bids_json).map((b: { contractId: number }) => b.contractId),
        [ids.tester.contractId],
      )
      const real = await t.services.distribution.ping({ sourceId, leadTypeId, fields: {} })
      // A real ping: the tester's buyer is over its 1¢ credit limit, so only the real contract is promised.
      assert.deepEqual(
        real.bids.map((b) => b.contractId),
        [ids.real.contractId],
      )
    })
  })
}
