import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import { addContract, insertLead, JSON_RULES, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

for (const kind of await dialectsUnderTest()) {
  describe(`zip-radius contract filters [${kind}]`, () => {
    let t: TestApp
    let buyer: BuyerServer
    let nearNyc: { contractId: number }
    before(async () => {
      buyer = await startBuyer(() => ({ body: { status: 'accepted' } }))
      t = await createTestApp(kind)
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      nearNyc = await addContract(t.lf, {
        buyer: 'Near NYC',
        filters: [{ op: 'within_miles', zip: '10001', miles: 25 }],
        delivery: { url: buyer.url, response: JSON_RULES },
      })
    })
    after(async () => {
      await buyer.close()
      await t.close()
    })

    test('a lead inside the radius sells; one outside is skipped with the distance', async () => {
      const inside = await insertLead(t.lf, { Email: 'hoboken@example.com', Zip: '07030' })
      assert.equal((await t.services.distribution.distribute(inside)).sold, true)
      const outside = await insertLead(t.lf, { Email: 'beverly@example.com', Zip: '90210' })
      const outcome = await t.services.distribution.distribute(outside)
      assert.equal(outcome.sold, false)
      const skip = await t.lf.db
        .selectFrom('events')
        .select('reason')
        .where('lead_id', '=', outside)
        .where('contract_id', '=', nearNyc.contractId)
        .executeTakeFirstOrThrow()
      assert.equal(skip.reason, 'Zip 90210 is 2453 miles from 10001 (limit 25)')
    })

    test('a contract with an unknown centre zip is refused when saved', async () => {
      const answer = await t.app.inject({
        method: 'POST',
        url: '/api/v1/buyers/1/contracts',
        headers: ADMIN,
        payload: {
          name: 'Nowhere',
          lid: 1,
          filters: [{ op: 'within_miles', zip: '00000', miles: 10 }],
          delivery: { url: 'https://buyer.example/leads' },
        },
      })
      assert.equal(answer.statusCode, 400, answer.body)
      assert.equal(answer.json().error.code, 'LF_VALIDATION')
      assert.match(answer.body, /filters\[0\]\.zip/)
    })
  })
}
