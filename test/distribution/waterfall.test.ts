import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import { addContract, insertLead, JSON_RULES, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

for (const kind of await dialectsUnderTest()) {
  describe(`waterfall delivery to real buyers [${kind}]`, () => {
    let t: TestApp
    const servers: BuyerServer[] = []
    const buyer = async (answer: Parameters<typeof startBuyer>[0]) => {
      const s = await startBuyer(answer)
      servers.push(s)
      return s
    }
    before(async () => {
      t = await createTestApp(kind)
    })
    after(async () => {
      await Promise.all(servers.map((s) => s.close()))
      await t.close()
    })

    test('timeout, 5xx, reset, garbage and rejection fall through to the buyer that accepts', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const slow = await buyer(() => ({ never: true }))
      const broken = await buyer(() => ({ status: 503, body: 'down for maintenance' }))
      const reset = await buyer(() => ({ reset: true }))
      const garbage = await buyer(() => ({ status: 200, body: '<<<%%% not json' }))
      const no = await buyer(() => ({ body: { status: 'rejected', reason: 'Zip not covered' } }))
      const yes = await buyer(() => ({
        body: { status: 'accepted', id: 'B-77', redirect_url: 'https://buyer.example/welcome' },
      }))
      const plan: Array<[string, BuyerServer]> = [
        ['slow', slow],
        ['broken', broken],
        ['reset', reset],
        ['garbage', garbage],
        ['no', no],
        ['yes', yes],
      ]
      const ids: Record<string, number> = {}
      for (const [i, [name, server]] of plan.entries()) {
        const c = await addContract(t.lf, {
          buyer: `Buyer ${name}`,
          priority: i + 1,
          priceCents: 1500,
          delivery: { url: `${server.url}/leads`, timeoutMs: 2000, response: JSON_RULES },
        })
        ids[name] = c.contractId
      }
      const leadId = await insertLead(t.lf)
      const outcome = await t.services.distribution.distribute(leadId)

      assert.equal(outcome.sold, true)
      assert.equal(outcome.priceCents, 1500)
      assert.equal(outcome.redirectUrl, 'https://buyer.example/welcome')
      const byContract = Object.fromEntries(outcome.sends.map((s) => [s.contractId, s]))
      assert.match(byContract[ids.slow!]!.reason, /timeout/)
      assert.match(byContract[ids.broken!]!.reason, /HTTP 503/)
      assert.match(byContract[ids.reset!]!.reason, /connection error/)
      assert.match(byContract[ids.garbage!]!.reason, /unparseable|unrecognized/)
      assert.equal(byContract[ids.no!]!.reason, 'Zip not covered')
      assert.equal(byContract[ids.yes!]!.valid, true)
      assert.deepEqual(
        outcome.sends.map((s) => s.valid),
        [false, false, false, false, false, true],
      )

      const sale = await t.lf.db
        .selectFrom('sales')
        .selectAll()
        .where('lead_id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(sale.contract_id, ids.yes)
      assert.equal(sale.buyer_lead_id, 'B-77')
      // The buyer received its event id and an idempotency key with the lead.
      const got = yes.received[0]!
      assert.equal(got.headers['x-leadflow-event-id'], sale.event_id)
      assert.equal(got.headers['idempotency-key'], `lf-${leadId}-${ids.yes}`)
      assert.equal(JSON.parse(got.body).event_id, sale.event_id)
      assert.equal(JSON.parse(got.body).Email, 'ada@example.com')

      const lead = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'sold')
      assert.equal(Number(lead.price_cents), 1500)
      const events = await t.lf.db.selectFrom('events').selectAll().where('lead_id', '=', leadId).execute()
      const posts = events.filter((e) => e.kind === 'post')
      assert.equal(posts.length, 6)
      assert.ok(events.some((e) => e.kind === 'distribution' && e.outcome === 'sold'))
      assert.ok(events.every((e) => /^[0-9a-f]{24}$/.test(e.id)))
      const errored = await t.lf.db
        .selectFrom('contracts')
        .select('consecutive_errors')
        .where('id', '=', ids.broken!)
        .executeTakeFirstOrThrow()
      assert.equal(errored.consecutive_errors, 1)
    })

    test('direct post offers the lead to the first eligible contract only', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'direct' })
      const no = await buyer(() => ({ body: { status: 'rejected', reason: 'full' } }))
      const yes = await buyer(() => ({ body: { status: 'accepted' } }))
      await addContract(t.lf, {
        buyer: 'Direct first',
        priority: 1,
        delivery: { url: no.url, response: JSON_RULES },
      })
      await addContract(t.lf, {
        buyer: 'Direct second',
        priority: 2,
        delivery: { url: yes.url, response: JSON_RULES },
      })
      const outcome = await t.services.distribution.distribute(
        await insertLead(t.lf, { Email: 'direct@example.com' }),
      )
      assert.equal(outcome.sold, false)
      assert.equal(outcome.reason, 'full')
      assert.equal(yes.received.length, 0)
    })

    test('an exclusive lead is sold once; a shared lead goes to up to maxSends buyers, each once', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall', maxSends: 2 })
      const ok = await buyer(() => ({ body: { status: 'accepted' } }))
      for (const [i, name] of ['S1', 'S2', 'S3'].entries()) {
        await addContract(t.lf, {
          buyer: `Shared ${name}`,
          priority: i,
          priceCents: 1000 + i,
          delivery: { url: ok.url, response: JSON_RULES },
        })
      }
      const shared = await t.services.distribution.distribute(
        await insertLead(t.lf, { Email: 'shared@example.com' }),
      )
      assert.equal(shared.sends.filter((s) => s.valid).length, 2)
      assert.equal(shared.priceCents, 1000 + 1001)

      const again = await t.services.distribution.distribute(
        await insertLead(t.lf, { Email: 'x@example.com' }),
      )
      assert.equal(again.sends.length, 2)

      await onlyTestBuyers(t.lf)
      await addContract(t.lf, {
        buyer: 'Exclusive',
        priority: 1,
        exclusive: true,
        priceCents: 4000,
        delivery: { url: ok.url, response: JSON_RULES },
      })
      await addContract(t.lf, {
        buyer: 'Sharer',
        priority: 2,
        priceCents: 1000,
        delivery: { url: ok.url, response: JSON_RULES },
      })
      const lead = await insertLead(t.lf, { Email: 'excl@example.com' })
      const exclusive = await t.services.distribution.distribute(lead)
      assert.deepEqual(
        exclusive.sends.map((s) => [s.buyerName, s.valid]),
        [['Exclusive', true]],
      )
      // Distributing the same lead again sells nothing more: exclusive, and never twice to a buyer.
      const second = await t.services.distribution.distribute(lead)
      assert.equal(second.sold, false)
      const sales = await t.lf.db.selectFrom('sales').select('id').where('lead_id', '=', lead).execute()
      assert.equal(sales.length, 1)
    })
  })
}
