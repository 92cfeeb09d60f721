import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { addContract, insertLead, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

for (const kind of await dialectsUnderTest()) {
  describe(`call-queue delivery [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    test('a call_queue contract hands the lead to the dialler, recorded as a post event', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      await addContract(t.lf, { buyer: 'Unknown campaign', delivery: { kind: 'call_queue', type: 'nope' } })
      const leadId = await insertLead(t.lf, { Email: 'nocampaign@example.com' })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, false)
      const post = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', 'post')
        .executeTakeFirstOrThrow()
      assert.equal(post.step, 'call_queue')
      assert.equal(post.outcome, 'rejected')
      assert.ok(post.reason)
    })

    test('a call_queue contract schedules a call and sells the lead', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      await t.lf.db
        .insertInto('dialler_campaigns')
        .values({
          type: 'autoins',
          subtype: 'new',
          name: 'Auto calls',
          settings_json: '{}',
          created_at: new Date().toISOString(),
        })
        .execute()
      const { contractId } = await addContract(t.lf, {
        buyer: 'Call centre',
        priceCents: 700,
        delivery: { kind: 'call_queue', type: 'autoins', subtype: 'new' },
      })
      const leadId = await insertLead(t.lf, { Phone: '+14155550123', Email: 'caller@example.com' })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, true, outcome.sends[0]?.reason)
      assert.equal(outcome.sends[0]!.contractId, contractId)
      const calls = await t.lf.db.selectFrom('calls').selectAll().where('lead_id', '=', leadId).execute()
      assert.equal(calls.length, 1)
      const post = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', 'post')
        .executeTakeFirstOrThrow()
      assert.equal(post.step, 'call_queue')
    })
  })
}
