import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { type BuyerServer, startBuyer } from '../distribution/buyer-server.js'
import {
  addContract,
  insertLead,
  JSON_RULES,
  onlyTestBuyers,
  setLeadTypeSettings,
} from '../distribution/fixtures.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

for (const kind of await dialectsUnderTest()) {
  describe(`credit limits [${kind}]`, () => {
    let t: TestApp
    let ok: BuyerServer
    let no: BuyerServer
    before(async () => {
      t = await createTestApp(kind)
      ok = await startBuyer(() => ({ delayMs: 5, body: { status: 'accepted' } }))
      no = await startBuyer(() => ({ body: { status: 'rejected' } }))
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
    })
    after(async () => {
      await ok.close()
      await no.close()
      await t.close()
    })

    const put = (buyerId: number, limit: number | null) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/buyers/${buyerId}/credit`,
        headers: ADMIN,
        payload: { limit_cents: limit },
      })

    test('40 parallel distributions never take a buyer past its credit limit', async () => {
      const limited = await addContract(t.lf, {
        buyer: 'Limited',
        priority: 1,
        priceCents: 1000,
        delivery: { url: ok.url, response: JSON_RULES },
      })
      const fallback = await addContract(t.lf, {
        buyer: 'Fallback',
        priority: 2,
        priceCents: 500,
        delivery: { url: ok.url, response: JSON_RULES },
      })
      // $20 prepaid and $50 of credit: room for exactly 7 sales at $10.
      const paid = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ledger/entries',
        headers: ADMIN,
        payload: {
          account_kind: 'buyer',
          account_id: limited.buyerId,
          entry: 'payment',
          amount_cents: 2000,
          reason: 'wire',
        },
      })
      assert.equal(paid.statusCode, 201, paid.body)
      const set = await put(limited.buyerId, 5000)
      assert.equal(set.statusCode, 200, set.body)
      assert.deepEqual(set.json(), {
        buyer_id: limited.buyerId,
        limit_cents: 5000,
        balance_cents: -2000,
        reserved_cents: 0,
        available_cents: 7000,
      })

      const leads = await Promise.all(
        Array.from({ length: 40 }, (_, i) => insertLead(t.lf, { Email: `credit${i}@example.com` })),
      )
      const outcomes = await Promise.all(leads.map((id) => t.services.distribution.distribute(id)))

      const sales = await t.lf.db.selectFrom('sales').select('contract_id').execute()
      assert.equal(sales.filter((s) => s.contract_id === limited.contractId).length, 7)
      assert.equal(sales.filter((s) => s.contract_id === fallback.contractId).length, 33)
      assert.equal(outcomes.filter((o) => o.sold).length, 40)
      const line = (
        await t.app.inject({ url: `/api/v1/buyers/${limited.buyerId}/credit`, headers: ADMIN })
      ).json()
      assert.deepEqual(line, {
        buyer_id: limited.buyerId,
        limit_cents: 5000,
        balance_cents: 5000,
        reserved_cents: 0,
        available_cents: 0,
      })
      const balance = (
        await t.app.inject({ url: `/api/v1/ledger/balances/buyer/${limited.buyerId}`, headers: ADMIN })
      ).json()
      assert.equal(balance.balance_cents, 5000)
      const skips = await t.lf.db
        .selectFrom('events')
        .select(['reason', 'contract_id'])
        .where('reason', '=', 'credit limit reached')
        .execute()
      assert.equal(skips.length, 33)
      assert.ok(skips.every((s) => s.contract_id === limited.contractId))

      // A payment makes room again; removing the limit lifts it.
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/ledger/entries',
        headers: ADMIN,
        payload: {
          account_kind: 'buyer',
          account_id: limited.buyerId,
          entry: 'payment',
          amount_cents: 1000,
          reason: 'wire',
        },
      })
      assert.equal((await put(limited.buyerId, 5000)).json().available_cents, 1000)
      assert.equal((await put(limited.buyerId, null)).json().available_cents, null)
    })

    test('a refused lead gives its credit reservation back', async () => {
      await onlyTestBuyers(t.lf)
      const refusing = await addContract(t.lf, {
        buyer: 'Refusing',
        priceCents: 1000,
        delivery: { url: no.url, response: JSON_RULES },
      })
      await put(refusing.buyerId, 1000)
      for (let i = 0; i < 3; i++)
        await t.services.distribution.distribute(await insertLead(t.lf, { Email: `no${i}@example.com` }))
      const line = (
        await t.app.inject({ url: `/api/v1/buyers/${refusing.buyerId}/credit`, headers: ADMIN })
      ).json()
      assert.equal(line.reserved_cents, 0)
      assert.equal(line.available_cents, 1000)
      const unknown = await put(999_999, 10)
      assert.equal(unknown.statusCode, 404)
    })
  })
}
