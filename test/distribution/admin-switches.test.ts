import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import { addContract, insertLead, JSON_RULES, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

for (const kind of await dialectsUnderTest()) {
  describe(`auto-pause, resume and QC review [${kind}]`, () => {
    let t: TestApp
    let down: BuyerServer
    let up: BuyerServer
    let failing = true
    before(async () => {
      t = await createTestApp(kind)
      down = await startBuyer(() =>
        failing ? { status: 500, body: 'boom' } : { body: { status: 'accepted' } },
      )
      up = await startBuyer(() => ({ body: { status: 'accepted' } }))
    })
    after(async () => {
      await down.close()
      await up.close()
      await t.close()
    })

    test('a contract pauses after N consecutive errors, with an event; an admin resumes it', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const { contractId } = await addContract(t.lf, {
        buyer: 'Flaky',
        settings: { autoPauseAfter: 3 },
        delivery: { url: down.url, response: JSON_RULES },
      })
      for (let i = 0; i < 4; i++)
        await t.services.distribution.distribute(await insertLead(t.lf, { Email: `f${i}@example.com` }))
      assert.equal(down.received.length, 3, 'the fourth lead was not sent to a paused contract')
      const row = await t.lf.db
        .selectFrom('contracts')
        .selectAll()
        .where('id', '=', contractId)
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'paused')
      const pause = await t.lf.db.selectFrom('events').selectAll().where('step', '=', 'auto_pause').execute()
      assert.equal(pause.length, 1)
      assert.match(pause[0]!.reason ?? '', /3 consecutive delivery errors.*HTTP 500/)

      const denied = await t.app.inject({ method: 'POST', url: `/api/v1/contracts/${contractId}/resume` })
      assert.equal(denied.statusCode, 401)
      const resumed = await t.app.inject({
        method: 'POST',
        url: `/api/v1/contracts/${contractId}/resume`,
        headers: ADMIN,
      })
      assert.equal(resumed.statusCode, 200)
      assert.deepEqual(resumed.json(), { id: contractId, status: 'active' })
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/contracts/${contractId}/resume`,
        headers: ADMIN,
      })
      assert.equal(again.statusCode, 409)
      failing = false
      const sold = await t.services.distribution.distribute(
        await insertLead(t.lf, { Email: 'back@example.com' }),
      )
      assert.equal(sold.sold, true)
    })

    test('QC: approve distributes the held lead; reject records the reason', async () => {
      await onlyTestBuyers(t.lf)
      await addContract(t.lf, {
        buyer: 'QC buyer',
        priceCents: 1200,
        delivery: { url: up.url, response: JSON_RULES },
      })
      const held = await insertLead(
        t.lf,
        { Email: 'qc1@example.com' },
        { status: 'pending_qc', pendingQc: true },
      )
      assert.equal(
        (await t.services.distribution.distribute(held)).sold,
        false,
        'a held lead is not sold before review',
      )
      const approved = await t.app.inject({
        method: 'POST',
        url: `/api/v1/leads/${held}/qc/approve`,
        headers: ADMIN,
      })
      assert.equal(approved.statusCode, 200)
      assert.equal(approved.json().sold, true)
      assert.equal(approved.json().priceCents, 1200)
      const twice = await t.app.inject({
        method: 'POST',
        url: `/api/v1/leads/${held}/qc/approve`,
        headers: ADMIN,
      })
      assert.equal(twice.statusCode, 409)

      const bad = await insertLead(
        t.lf,
        { Email: 'qc2@example.com' },
        { status: 'pending_qc', pendingQc: true },
      )
      const rejected = await t.app.inject({
        method: 'POST',
        url: `/api/v1/leads/${bad}/qc/reject`,
        headers: ADMIN,
        payload: { reason: 'Fake name' },
      })
      assert.equal(rejected.statusCode, 200)
      const lead = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', bad)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'rejected')
      assert.equal(lead.qc_reason, 'Fake name')
      assert.equal(lead.qc_rejected, 1)
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/v1/leads/999999/qc/approve',
        headers: ADMIN,
      })
      assert.equal(missing.statusCode, 404)
    })
  })
}
