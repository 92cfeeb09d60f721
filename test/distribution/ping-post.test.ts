import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
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
  describe(`ping/post auctions [${kind}]`, () => {
    let t: TestApp
    const servers: BuyerServer[] = []
    const bidder = async (bid: string | null, opts: { silent?: boolean; acceptPost?: boolean } = {}) => {
      const s = await startBuyer((r) => {
        if (r.url.startsWith('/ping')) {
          return {
            never: opts.silent,
            body:
              bid === null
                ? { status: 'rejected', reason: 'no interest' }
                : { status: 'accepted', price: bid },
          }
        }
        return {
          body:
            opts.acceptPost === false ? { status: 'rejected', reason: 'duplicate' } : { status: 'accepted' },
        }
      })
      servers.push(s)
      return s
    }
    const bidContract = (name: string, s: BuyerServer, extra: Record<string, unknown> = {}) =>
      addContract(t.lf, {
        buyer: name,
        pricing: 'bid',
        priceCents: 0,
        delivery: {
          url: `${s.url}/post`,
          ping: { url: `${s.url}/ping` },
          response: JSON_RULES,
          timeoutMs: 2000,
        },
        ...extra,
      })

    before(async () => {
      t = await createTestApp(kind)
    })
    after(async () => {
      await Promise.all(servers.map((s) => s.close()))
      await t.close()
    })

    // Independent of machine speed (issue 18): the deadline is generous for a local answer, the
    // silent bidder never answers, so it misses the deadline however loaded the machine is, and
    // an auction that waited for it would never end.
    test('bids are ranked, the silent bidder misses the deadline, a rejected post falls to the next bid', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'ping_post', pingTimeoutMs: 2000 })
      const high = await bidder('31.00', { acceptPost: false })
      const mid = await bidder('22.50')
      const low = await bidder('12.00')
      const slow = await bidder('99.00', { silent: true })
      const none = await bidder(null)
      const ids = {
        high: (await bidContract('High', high)).contractId,
        mid: (await bidContract('Mid', mid)).contractId,
        low: (await bidContract('Low', low)).contractId,
        slow: (await bidContract('Slow', slow)).contractId,
        none: (await bidContract('None', none)).contractId,
      }
      const leadId = await insertLead(t.lf)
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, true)
      assert.equal(outcome.priceCents, 2250)
      assert.deepEqual(
        outcome.sends.map((s) => [s.contractId, s.valid]),
        [
          [ids.high, false],
          [ids.mid, true],
        ],
      )
      assert.equal(low.received.filter((r) => r.url.startsWith('/post')).length, 0)
      const pings = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', 'ping')
        .execute()
      const byContract = Object.fromEntries(pings.map((p) => [p.contract_id, p]))
      assert.equal(byContract[ids.slow]!.outcome, 'error')
      assert.match(byContract[ids.slow]!.reason ?? '', /timeout/)
      assert.equal(byContract[ids.none]!.outcome, 'no_bid')
      assert.equal(JSON.parse(byContract[ids.high]!.data_json!).bidCents, 3100)
    })

    test('an inbound ping holds the bids in an order; the post with it sells at the held price once', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'ping_post', pingTimeoutMs: 2000, orderTtlSeconds: 60 })
      await setSourceSettings(t.lf, { margin: { kind: 'percent', value: 20 } })
      const a = await bidder('40.00')
      const b = await bidder('15.00')
      const ca = await bidContract('Order A', a)
      await bidContract('Order B', b)
      const { sourceId, leadTypeId } = await demoIds(t.lf)
      const ping = await t.services.distribution.ping({
        sourceId,
        leadTypeId,
        fields: { Zip: '90210', State: 'CA' },
      })
      assert.ok(ping.orderId)
      assert.equal(ping.estimatedPriceCents, 3200) // $40 less 20%
      assert.deepEqual(
        ping.bids.map((x) => x.bidCents),
        [4000],
      )
      assert.ok(ping.expiresAt && ping.expiresAt.getTime() > Date.now())

      const leadId = await insertLead(t.lf, { Email: 'ordered@example.com' })
      assert.deepEqual(await t.services.distribution.useOrder(ping.orderId, sourceId, leadId), { ok: true })
      const reuse = await t.services.distribution.useOrder(
        ping.orderId,
        sourceId,
        await insertLead(t.lf, { Email: 'o2@example.com' }),
      )
      assert.deepEqual(reuse, { ok: false, reason: 'Order already used' })
      assert.deepEqual(await t.services.distribution.useOrder('nope', sourceId, leadId), {
        ok: false,
        reason: 'Order not found',
      })

      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, true)
      assert.equal(outcome.priceCents, 4000)
      assert.equal(outcome.sourcePriceCents, 3200)
      assert.equal(outcome.sends[0]!.contractId, ca.contractId)
      // Posting with an order does not ping again; the winning ping joins the lead's trail.
      const pings = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', 'ping')
        .execute()
      assert.deepEqual(
        pings.map((p) => p.contract_id),
        [ca.contractId],
      )
      assert.equal(a.received.filter((r) => r.url.startsWith('/ping')).length, 1)
      await setSourceSettings(t.lf, {})
    })
  })
}
