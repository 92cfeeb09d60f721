import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import { addContract, insertLead, JSON_RULES, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

/** An "internal" endpoint on every loopback address (127.0.0.2 included), counting its callers. */
async function startInternal(): Promise<{ server: Server; port: number; hits: () => number }> {
  let hits = 0
  const server = createServer((_req, res) => {
    hits++
    res.end('{"status":"accepted","secret":"INTERNAL-SECRET"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve))
  return { server, port: (server.address() as AddressInfo).port, hits: () => hits }
}

for (const kind of await dialectsUnderTest()) {
  describe(`outbound edges: SSRF, header injection, API refusals [${kind}]`, () => {
    let t: TestApp
    let internal: Awaited<ReturnType<typeof startInternal>>
    let redirector: BuyerServer
    let buyer: BuyerServer
    before(async () => {
      // Only the buyer's host name is allowed; 127.0.0.2 (the "internal network") is not.
      t = await createTestApp(kind, { config: { outboundAllow: ['localhost'] } })
      internal = await startInternal()
      redirector = await startBuyer(() => ({
        status: 302,
        headers: { location: `http://127.0.0.2:${internal.port}/admin` },
      }))
      buyer = await startBuyer(() => ({ body: { status: 'accepted', id: 'b-1' } }))
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
    })
    after(async () => {
      await t.close()
      await redirector.close()
      await buyer.close()
      await new Promise((resolve) => internal.server.close(resolve))
    })

    test('SSRF redirect test: an allowed buyer redirecting to a private address is refused at the hop', async () => {
      const port = new URL(redirector.url).port
      const { contractId } = await addContract(t.lf, {
        buyer: 'Redirector',
        delivery: { url: `http://localhost:${port}/lead`, followRedirects: true, response: JSON_RULES },
      })
      const result = await t.services.distribution.distribute(
        await insertLead(t.lf, { Email: 'r@example.com' }),
      )
      assert.equal(result.sold, false)
      assert.equal(redirector.received.length, 1, 'the allowed host was called')
      assert.equal(internal.hits(), 0, 'the private address behind the redirect was never reached')
      const events = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('contract_id', '=', contractId)
        .execute()
      assert.ok(events.length > 0)
      const stored = JSON.stringify(events)
      assert.doesNotMatch(stored, /INTERNAL-SECRET/)
      assert.match(events.find((e) => e.kind === 'post')?.reason ?? '', /private or loopback/)
      await t.lf.db.updateTable('contracts').set({ status: 'off' }).where('id', '=', contractId).execute()
    })

    test('CR/LF from a lead never splits a header; a header the lead cannot fill is a lead data problem', async () => {
      const port = new URL(buyer.url).port
      const { contractId } = await addContract(t.lf, {
        buyer: 'Header buyer',
        settings: { autoPauseAfter: 2 },
        delivery: {
          url: `http://localhost:${port}/lead`,
          headers: { 'X-First-Name': '{{FirstName}}' },
          response: JSON_RULES,
        },
      })
      const injected = await t.services.distribution.distribute(
        await insertLead(t.lf, { FirstName: 'Ada\r\nX-Evil: 1', Email: 'crlf@example.com' }),
      )
      assert.equal(injected.sold, true)
      const seen = buyer.received.at(-1)!
      assert.equal(seen.headers['x-first-name'], 'AdaX-Evil: 1')
      assert.equal(seen.headers['x-evil'], undefined)

      for (let i = 0; i < 4; i++)
        await t.services.distribution.distribute(
          await insertLead(t.lf, { FirstName: '张伟', Email: `zh${i}@example.com` }),
        )
      const row = await t.lf.db
        .selectFrom('contracts')
        .select(['status', 'consecutive_errors'])
        .where('id', '=', contractId)
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'active', 'the lead data never paused the buyer')
      assert.equal(Number(row.consecutive_errors), 0)
      const posts = await t.lf.db
        .selectFrom('events')
        .select(['outcome', 'reason'])
        .where('contract_id', '=', contractId)
        .where('kind', '=', 'post')
        .where('outcome', '=', 'rejected')
        .execute()
      assert.equal(posts.length, 4)
      for (const p of posts) assert.match(p.reason ?? '', /^lead data problem: header X-First-Name/)
    })

    test('the API refuses allowPrivate and sandbox contracts that name their own URL', async () => {
      const buyerRow = await t.lf.db.selectFrom('buyers').select('id').limit(1).executeTakeFirstOrThrow()
      const create = (delivery: Record<string, unknown>) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/buyers/${buyerRow.id}/contracts`,
          headers: ADMIN,
          payload: { name: `c-${Math.random()}`, lid: 1, price_cents: 100, delivery },
        })
      const priv = await create({ kind: 'http', url: 'http://10.0.0.5/x', allowPrivate: true })
      assert.equal(priv.statusCode, 400, priv.body)
      assert.match(priv.body, /allowPrivate/)
      const sandboxUrl = await create({ kind: 'http', sandbox: 'acme', url: 'http://169.254.169.254/latest' })
      assert.equal(sandboxUrl.statusCode, 400, sandboxUrl.body)
      assert.match(sandboxUrl.body, /sandbox/)
      const sandboxOk = await create({ kind: 'http', sandbox: 'acme' })
      assert.equal(sandboxOk.statusCode, 201, sandboxOk.body)
    })
  })
}
