import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { addContract } from './fixtures.js'

// The operator's switch (docs/distribution.md, "Switching contracts"): contracts:switch turns a
// contract on or off without config:write; status, event and audit row change together.
for (const kind of await dialectsUnderTest()) {
  describe(`contract on/off switch [${kind}]`, () => {
    let t: TestApp
    let contractId: number
    let operatorKey: string
    before(async () => {
      t = await createTestApp(kind)
      ;({ contractId } = await addContract(t.lf, {
        buyer: 'Switch Buyer',
        delivery: { url: 'http://127.0.0.1:9/' },
      }))
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials',
        headers: ADMIN,
        payload: { owner_kind: 'admin', label: 'night shift', permissions: ['contracts:switch'] },
      })
      operatorKey = created.json().secret
    })
    after(() => t.close())

    const flip = (on: boolean, id = contractId) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/contracts/${id}/switch`,
        headers: { authorization: `Bearer ${operatorKey}` },
        payload: { on },
      })
    const status = async () =>
      (
        await t.lf.db
          .selectFrom('contracts')
          .select('status')
          .where('id', '=', contractId)
          .executeTakeFirstOrThrow()
      ).status

    test('off, then on again: each change once, with its event and audit row', async () => {
      const off = await flip(false)
      assert.equal(off.statusCode, 200)
      assert.deepEqual(off.json(), { id: contractId, status: 'off', changed: true })
      assert.equal(await status(), 'off')
      assert.equal((await flip(false)).json().changed, false)
      assert.deepEqual((await flip(true)).json(), { id: contractId, status: 'active', changed: true })
      assert.equal(await status(), 'active')
      const events = await t.lf.db
        .selectFrom('events')
        .select('step')
        .where('contract_id', '=', contractId)
        .where('kind', '=', 'contract')
        .execute()
      // Event ids are time-ordered only to the second: compare the set, not the order.
      assert.deepEqual(events.map((e) => e.step).sort(), ['switch-off', 'switch-on'])
      const audit = await t.app.inject({
        method: 'GET',
        url: '/api/v1/audit?resource=contract',
        headers: ADMIN,
      })
      const actions = (audit.json().items as { action: string }[]).map((a) => a.action)
      assert.ok(
        actions.includes('contract.switch_off') && actions.includes('contract.switch_on'),
        actions.join(),
      )
    })

    test('the switch key cannot change anything else, and unknown contracts are 404', async () => {
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/contracts/${contractId}`,
        headers: { authorization: `Bearer ${operatorKey}` },
        payload: { priority: 1 },
      })
      assert.equal(patch.statusCode, 403)
      assert.equal((await flip(true, 999_999)).statusCode, 404)
    })
  })
}
