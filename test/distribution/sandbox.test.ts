import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { insertLead, setLeadTypeSettings } from './fixtures.js'

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise((resolve) => server.close(resolve))
  return port
}

for (const kind of await dialectsUnderTest()) {
  describe(`sandbox buyers end to end [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      const port = await freePort()
      t = await createTestApp(kind, { config: { publicUrl: `http://127.0.0.1:${port}` } })
      await t.app.listen({ port, host: '127.0.0.1' })
    })
    after(() => t.close())

    test('the demo contracts sell to Acme first over real HTTP, by the documented rules', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const sold = await t.services.distribution.distribute(await insertLead(t.lf))
      assert.equal(sold.sold, true)
      assert.equal(sold.sends[0]!.buyerName, 'Acme Insurance')
      assert.equal(sold.priceCents, 2500)
      assert.match(sold.redirectUrl, /\/sandbox\/acme\/welcome\?lead=acme-[0-9a-f]+$/)

      const rejected = await t.services.distribution.distribute(
        await insertLead(t.lf, { Email: 'please-reject@example.com' }),
      )
      assert.equal(rejected.sold, false)
      assert.deepEqual(
        rejected.sends.map((s) => s.reason),
        ['Email asks to be rejected', 'Email asks to be rejected'],
      )

      const hawaii = await t.services.distribution.distribute(
        await insertLead(t.lf, { State: 'HI', Email: 'aloha@example.com' }),
      )
      assert.equal(hawaii.sends[0]!.reason, 'State HI not served')

      const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/sandbox/acme/inbox', headers: ADMIN })
      assert.equal(inbox.statusCode, 200)
      const items = inbox.json().items
      assert.equal(items.length, 3)
      const first = items[items.length - 1]
      assert.equal(first.kind, 'post')
      assert.equal(first.request.body.Email, 'ada@example.com')
      assert.equal(first.request.headers.eventId, sold.sends[0]!.eventId)
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/sandbox/acme/inbox' })).statusCode, 401)
    })

    test('with bid pricing the sandboxes bid by Zip in a ping/post auction', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'ping_post', pingTimeoutMs: 2000 })
      await t.lf.db.updateTable('contracts').set({ pricing: 'bid' }).execute()
      const outcome = await t.services.distribution.distribute(
        await insertLead(t.lf, { Email: 'bid@example.com', Zip: '10007' }),
      )
      assert.equal(outcome.sold, true)
      assert.equal(outcome.sends[0]!.buyerName, 'Acme Insurance')
      assert.equal(outcome.priceCents, 2570) // $25.00 + 7 × 10¢
      const pings = await t.app.inject({ method: 'GET', url: '/api/v1/sandbox/zenith/inbox', headers: ADMIN })
      assert.ok(pings.json().items.some((i: { kind: string }) => i.kind === 'ping'))
    })

    test('XML and form deliveries reach the sandbox; a price quoted in the post answer is charged', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const contracts = await t.lf.db.selectFrom('contracts').selectAll().orderBy('priority').execute()
      const [acme, zenith] = contracts
      await t.lf.db
        .updateTable('contracts')
        .set({
          delivery_json: JSON.stringify({ kind: 'http', sandbox: 'acme', format: 'xml', root: 'Lead' }),
        })
        .where('id', '=', acme!.id)
        .execute()
      await t.lf.db
        .updateTable('contracts')
        .set({ delivery_json: JSON.stringify({ kind: 'http', sandbox: 'zenith', format: 'form' }) })
        .where('id', '=', zenith!.id)
        .execute()
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall', maxSends: 2 })
      const outcome = await t.services.distribution.distribute(
        await insertLead(t.lf, { Email: 'formats@example.com', Zip: '60603' }),
      )
      assert.deepEqual(
        outcome.sends.map((s) => [s.buyerName, s.valid, s.priceCents]),
        [
          ['Acme Insurance', true, 2530],
          ['Zenith Leads', true, 1830],
        ],
      )
      const inbox = await t.app.inject({
        method: 'GET',
        url: '/api/v1/sandbox/acme/inbox?limit=1',
        headers: ADMIN,
      })
      assert.match(inbox.json().items[0].request.headers.contentType, /xml/)
      assert.equal(inbox.json().items[0].request.body.Email, 'formats@example.com')
      const sales = await t.lf.db
        .selectFrom('sales')
        .select('price_cents')
        .where('contract_id', '=', acme!.id)
        .execute()
      const counter = await t.lf.db
        .selectFrom('cap_counters')
        .selectAll()
        .where('subject', '=', `contract:${acme!.id}`)
        .executeTakeFirstOrThrow()
      assert.equal(
        Number(counter.spend_cents),
        sales.reduce((sum, s) => sum + Number(s.price_cents), 0),
      )
      assert.equal(counter.count, sales.length)
    })
  })
}
