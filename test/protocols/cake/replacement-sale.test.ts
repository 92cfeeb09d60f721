import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { sellDemoLead } from '../../helpers/sales-fixture.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { returnLeadGet } from './cake-helpers.js'

/** A free local port, so the app can post to its own sandbox buyers at its public URL. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/**
 * End to end with the real distributor: approve_to_replace queues the buyer, and the next lead of
 * the type is sold to that buyer first, at price 0, linked to the returned sale (issue 5).
 */
for (const kind of await dialectsUnderTest()) {
  describe(`replacement lead after approve_to_replace [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      const port = await freePort()
      t = await createTestApp(kind, { config: { publicUrl: `http://127.0.0.1:${port}` } })
      await t.app.listen({ port, host: '127.0.0.1' })
    })
    after(() => t.close())

    test('the next lead goes to the replaced buyer at no charge', async () => {
      const original = await sellDemoLead(t.lf, { buyer: 'zenith' })
      const answer = await returnLeadGet(t, { lead_id: original.leadId, return_type: 'approve_to_replace' })
      assert.equal(answer.success, 'true')
      const res = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'vid=1&aid=1&lid=1&password=demo&Email=new.person%40example.com&Phone=2125550199&Zip=10001',
      })
      assert.equal(res.statusCode, 200, res.body)
      await t.lf.worker.drain()
      const replacement = await t.lf.db
        .selectFrom('replacements')
        .selectAll()
        .where('original_sale_id', '=', original.saleId)
        .executeTakeFirstOrThrow()
      assert.ok(replacement.fulfilled_sale_id, 'the replacement was fulfilled')
      const sale = await t.lf.db
        .selectFrom('sales')
        .selectAll()
        .where('id', '=', replacement.fulfilled_sale_id)
        .executeTakeFirstOrThrow()
      assert.equal(sale.buyer_id, original.buyerId)
      assert.equal(sale.price_cents, 0)
      assert.equal(sale.replacement_for_sale_id, original.saleId)
    })
  })
}
