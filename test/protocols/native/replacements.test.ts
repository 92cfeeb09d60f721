import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { sellDemoLead } from '../../helpers/sales-fixture.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

for (const kind of await dialectsUnderTest()) {
  describe(`native API: replacements owed [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const list = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/replacements${query}`, headers: ADMIN })
      assert.equal(res.statusCode, 200, res.body)
      return res.json().items as {
        buyer_name: string
        original_lead_id: number
        fulfilled_sale_id: number | null
      }[]
    }

    test('a return approved to replace is owed to its buyer until a lead is given in its place', async () => {
      const sold = await sellDemoLead(t.lf, { buyer: 'zenith' })
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        headers: ADMIN,
        payload: { lead_id: String(sold.leadId), return_type: 'submit_for_approval', return_reason_id: 1 },
      })
      assert.equal(made.statusCode, 201, made.body)
      assert.deepEqual(await list('?state=owed'), [])
      const replaced = await t.app.inject({
        method: 'POST',
        url: `/api/v1/returns/${made.json().id}/approve-to-replace`,
        headers: ADMIN,
      })
      assert.equal(replaced.statusCode, 200, replaced.body)
      const owed = await list('?state=owed')
      assert.equal(owed.length, 1)
      assert.equal(owed[0]!.buyer_name, 'Zenith Leads')
      assert.equal(owed[0]!.original_lead_id, sold.leadId)
      assert.equal(owed[0]!.fulfilled_sale_id, null)
      assert.deepEqual(await list('?state=fulfilled'), [])
      assert.equal((await list('')).length, 1)
    })

    test('the queue needs returns:read', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/replacements' })
      assert.equal(res.statusCode, 401)
    })
  })
}
