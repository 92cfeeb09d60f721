import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import { addContract, insertLead, JSON_RULES, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

// Monday 2026-11-23 14:30 UTC is 09:30 in New York and 23:30 in Tokyo.
const clock = { now: () => new Date('2026-11-23T14:30:00.000Z') }

for (const kind of await dialectsUnderTest()) {
  describe(`filters and schedules [${kind}]`, () => {
    let t: TestApp
    let ok: BuyerServer
    before(async () => {
      t = await createTestApp(kind, { clock })
      ok = await startBuyer(() => ({ body: { status: 'accepted' } }))
    })
    after(async () => {
      await ok.close()
      await t.close()
    })

    test('each contract is passed or skipped with its reason; the open, matching one buys', async () => {
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const delivery = { url: ok.url, response: JSON_RULES }
      const weekdays = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] }
      const tokyo = await addContract(t.lf, {
        buyer: 'Tokyo hours',
        priority: 1,
        schedule: { timeZone: 'Asia/Tokyo', days: weekdays },
        delivery,
      })
      const states = await addContract(t.lf, {
        buyer: 'Texas only',
        priority: 2,
        filters: [{ op: 'state_in', values: ['TX'] }],
        delivery,
      })
      const source = await addContract(t.lf, {
        buyer: 'Other source',
        priority: 3,
        filters: [{ op: 'source_in', values: [99] }],
        delivery,
      })
      const gmail = await addContract(t.lf, {
        buyer: 'Gmail',
        priority: 4,
        filters: [{ op: 'regex', field: 'Email', pattern: '@gmail\\.com$' }],
        delivery,
      })
      const paused = await addContract(t.lf, { buyer: 'Paused', priority: 5, delivery })
      await t.lf.db
        .updateTable('contracts')
        .set({ status: 'paused' })
        .where('id', '=', paused.contractId)
        .execute()
      const ny = await addContract(t.lf, {
        buyer: 'New York hours',
        priority: 6,
        schedule: { timeZone: 'America/New_York', days: weekdays },
        filters: [
          { op: 'postal_code_in', values: ['902*'] },
          { op: 'present', field: 'Phone' },
        ],
        delivery,
      })
      const leadId = await insertLead(t.lf)
      const outcome = await t.services.distribution.distribute(leadId)
      assert.deepEqual(
        outcome.sends.map((s) => s.contractId),
        [ny.contractId],
      )

      const filters = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', 'filter')
        .execute()
      const reason = (id: number) => filters.find((e) => e.contract_id === id)?.reason
      assert.equal(reason(tokyo.contractId), 'outside hours of operation (mon 23:30 Asia/Tokyo)')
      assert.equal(reason(states.contractId), 'State CA not in [TX]')
      assert.match(reason(source.contractId) ?? '', /source 1 not in \[99\]/)
      assert.equal(reason(gmail.contractId), 'Email does not match /@gmail\\.com$/')
      assert.equal(reason(paused.contractId), 'contract is paused')
      assert.equal(filters.find((e) => e.contract_id === ny.contractId)?.outcome, 'pass')
    })
  })
}
