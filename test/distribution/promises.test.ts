import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { capWindowKey } from '../../src/core/distribution/cap-windows.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
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

/** Issue 16, "Promises are kept": pings check caps, schedules and credit; refused orders fall through. */
for (const kind of await dialectsUnderTest()) {
  describe(`promises kept by pings and orders [${kind}]`, () => {
    let t: TestApp
    const servers: BuyerServer[] = []
    const buyer = async (bid: string, acceptPost = true) => {
      const s = await startBuyer((r) =>
        r.url.startsWith('/ping')
          ? { body: { status: 'accepted', price: bid } }
          : { body: acceptPost ? { status: 'accepted' } : { status: 'rejected', reason: 'duplicate' } },
      )
      servers.push(s)
      return s
    }
    const bidContract = (name: string, s: BuyerServer, extra: Record<string, unknown> = {}) =>
      addContract(t.lf, {
        buyer: name,
        pricing: 'bid',
        priceCents: 0,
        delivery: { url: `${s.url}/post`, ping: { url: `${s.url}/ping` }, response: JSON_RULES },
        ...extra,
      })
    const pings = (s: BuyerServer) => s.received.filter((r) => r.url.startsWith('/ping')).length
    const fillCap = async (subject: string, window: string, count: number, spend = 0) => {
      await t.lf.db
        .insertInto('cap_counters')
        .values({ subject, window, count, spend_cents: spend })
        .onConflict((oc) => oc.columns(['subject', 'window']).doUpdateSet({ count, spend_cents: spend }))
        .execute()
    }

    before(async () => {
      t = await createTestApp(kind)
    })
    after(async () => {
      await Promise.all(servers.map((s) => s.close()))
      await t.close()
    })

    test('a ping never promises a capped, closed, over-budget or over-credit buyer', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'ping_post', pingTimeoutMs: 3000, maxSends: 1 })
      await setSourceSettings(t.lf, {})
      const now = t.lf.clock.now()
      const today = capWindowKey('day', now, 'UTC')
      const capped = await buyer('16.00')
      const closed = await buyer('50.00')
      const budget = await buyer('30.00')
      const broke = await buyer('45.00')
      const buyerCapped = await buyer('60.00')
      const open = await buyer('12.00')
      const ids = {
        capped: await bidContract('Capped', capped, { caps: [{ period: 'day', count: 3 }] }),
        closed: await bidContract('Closed', closed, {
          schedule: { closedDates: [now.toISOString().slice(0, 10)] },
        }),
        budget: await bidContract('Budget', budget, { caps: [{ period: 'day', spendCents: 2000 }] }),
        broke: await bidContract('Broke', broke),
        buyerCapped: await bidContract('Buyer capped', buyerCapped),
        open: await bidContract('Open', open),
      }
      await fillCap(`contract:${ids.capped.contractId}`, today, 3)
      await t.lf.db
        .insertInto('buyer_credit')
        .values({
          buyer_id: ids.broke.buyerId,
          limit_cents: 4000,
          balance_cents: 0,
          reserved_cents: 0,
          updated_at: now.toISOString(),
        })
        .execute()
      await setBuyerSettings(t.lf, ids.buyerCapped.buyerId, { caps: [{ period: 'day', count: 5 }] })
      await fillCap(`buyer:${ids.buyerCapped.buyerId}`, today, 5)

      const { sourceId, leadTypeId } = await demoIds(t.lf)
      const ping = await t.services.distribution.ping({ sourceId, leadTypeId, fields: { Zip: '90210' } })
      // Only the open buyer is promised: the $16 of a full cap is never an EstimatedPrice again.
      assert.deepEqual(
        ping.bids.map((b) => b.contractId),
        [ids.open.contractId],
      )
      assert.equal(ping.estimatedPriceCents, 1200)
      // Capped, closed and buyer-capped are not even pinged; the budget and credit only fail at their bid.
      assert.equal(pings(capped), 0)
      assert.equal(pings(closed), 0)
      assert.equal(pings(buyerCapped), 0)
      assert.equal(pings(budget), 1)
      assert.equal(pings(broke), 1)
      const skips = await t.lf.db
        .selectFrom('events')
        .select(['contract_id', 'reason'])
        .where('kind', '=', 'filter')
        .where('step', '=', 'ping')
        .execute()
      const why = (c: { contractId: number }) => skips.find((s) => s.contract_id === c.contractId)?.reason
      assert.equal(why(ids.capped), 'cap reached')
      assert.match(why(ids.closed) ?? '', /^closed on /)
      assert.equal(why(ids.budget), 'cap reached')
      assert.equal(why(ids.broke), 'credit limit reached')
      assert.equal(why(ids.buyerCapped), 'cap reached')
    })

    test('a post whose held buyer refuses falls through to a fresh auction and sells', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'ping_post', pingTimeoutMs: 3000, maxSends: 1 })
      const refuser = await buyer('40.00', false)
      const second = await buyer('15.00')
      const held = await bidContract('Refuser', refuser)
      const other = await bidContract('Second', second)
      const { sourceId, leadTypeId } = await demoIds(t.lf)
      const ping = await t.services.distribution.ping({ sourceId, leadTypeId, fields: { Zip: '90210' } })
      assert.deepEqual(
        ping.bids.map((b) => b.contractId),
        [held.contractId],
      )
      const leadId = await insertLead(t.lf, { Email: 'fall-through@example.com' })
      assert.deepEqual(await t.services.distribution.useOrder(ping.orderId, sourceId, leadId), { ok: true })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, true, outcome.reason)
      assert.deepEqual(
        outcome.sends.map((s) => [s.contractId, s.valid]),
        [
          [held.contractId, false],
          [other.contractId, true],
        ],
      )
      assert.equal(outcome.priceCents, 1500)
      // The fresh auction pinged the other buyer again for this lead; the refuser was not re-offered.
      assert.equal(pings(second), 2)
      assert.equal(refuser.received.filter((r) => r.url === '/post').length, 1)
      const fall = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', 'order')
        .executeTakeFirstOrThrow()
      assert.equal(fall.step, 'fall_through')
    })

    test('the issue 16 case: the held buyer filled its cap after the ping; the post still sells to another', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'ping_post', pingTimeoutMs: 3000, maxSends: 1 })
      const first = await buyer('16.00')
      const backup = await buyer('11.00')
      const held = await bidContract('Fills up', first, { caps: [{ period: 'day', count: 1 }] })
      const other = await bidContract('Backup', backup)
      const { sourceId, leadTypeId } = await demoIds(t.lf)
      const ping = await t.services.distribution.ping({ sourceId, leadTypeId, fields: { Zip: '90210' } })
      assert.equal(ping.bids[0]?.contractId, held.contractId)
      assert.equal(ping.estimatedPriceCents, 1600)
      // Another lead takes the buyer's last slot of the day before the ordered post arrives.
      const meanwhile = await t.services.distribution.distribute(
        await insertLead(t.lf, { Email: 'm@example.com' }),
      )
      assert.equal(meanwhile.sends.find((s) => s.valid)?.contractId, held.contractId)

      const leadId = await insertLead(t.lf, { Email: 'ordered@example.com' })
      assert.deepEqual(await t.services.distribution.useOrder(ping.orderId, sourceId, leadId), { ok: true })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, true, outcome.reason)
      assert.equal(outcome.sends.find((s) => s.valid)?.contractId, other.contractId)
      const capSkip = await t.lf.db
        .selectFrom('events')
        .select('reason')
        .where('lead_id', '=', leadId)
        .where('contract_id', '=', held.contractId)
        .where('kind', '=', 'filter')
        .execute()
      assert.ok(capSkip.some((e) => e.reason === 'cap reached'))
    })
  })
}
