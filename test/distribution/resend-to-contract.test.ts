import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import { addContract, insertLead, JSON_RULES, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

for (const kind of await dialectsUnderTest()) {
  describe(`re-sending a lead to one contract [${kind}]`, () => {
    let t: TestApp
    let buyer: BuyerServer
    before(async () => {
      t = await createTestApp(kind)
      buyer = await startBuyer(() => ({ body: { status: 'accepted' } }))
      await onlyTestBuyers(t.lf)
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall', maxSends: 3 })
    })
    after(async () => {
      await buyer.close()
      await t.close()
    })

    const resend = (leadId: number, contractId: number, headers: Record<string, string> = ADMIN) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/leads/${leadId}/resend`,
        headers,
        payload: { contractId },
      })

    test('an unsold lead is delivered to the chosen contract and sold, with who asked in its trail', async () => {
      const leadId = await insertLead(t.lf, { Email: 'resend@example.com' })
      await t.services.distribution.distribute(leadId)
      const { contractId } = await addContract(t.lf, {
        buyer: 'Late Buyer',
        priceCents: 1200,
        delivery: { url: buyer.url, response: JSON_RULES },
      })
      const res = await resend(leadId, contractId)
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json().sold, true)
      assert.equal(res.json().sends[0].contractId, contractId)
      assert.equal(buyer.received.length, 1)
      const lead = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'sold')
      const sale = await t.lf.db.selectFrom('sales').selectAll().where('lead_id', '=', leadId).execute()
      assert.deepEqual(
        sale.map((s) => [s.contract_id, Number(s.price_cents)]),
        [[contractId, 1200]],
      )
      const asked = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('step', '=', 'resend')
        .execute()
      assert.ok(
        asked.some((e) => e.outcome === 'requested' && /admin/i.test(e.reason ?? '')),
        JSON.stringify(asked),
      )

      // The same buyer never buys the lead twice: refused with the eligibility reason, nothing sent.
      const again = await resend(leadId, contractId)
      assert.equal(again.statusCode, 409)
      assert.match(again.json().error.message, /already sold to this buyer/)
      assert.equal(buyer.received.length, 1)
    })

    test('a contract whose filters refuse the lead is not sent to', async () => {
      const leadId = await insertLead(t.lf, { Email: 'filtered@example.com', State: 'CA' })
      const { contractId } = await addContract(t.lf, {
        buyer: 'Texas Only',
        filters: [{ field: 'State', op: 'in', values: ['TX'] }],
        delivery: { url: buyer.url, response: JSON_RULES },
      })
      const before = buyer.received.length
      const res = await resend(leadId, contractId)
      assert.equal(res.statusCode, 409, res.body)
      assert.match(res.json().error.message, /^Not sent: State CA not in \[TX\]/)
      assert.equal(buyer.received.length, before)
    })

    test('an unknown contract is 404, a lead held for QC is 409, and an analyst may not re-send', async () => {
      const leadId = await insertLead(
        t.lf,
        { Email: 'held@example.com' },
        { status: 'pending_qc', pendingQc: true },
      )
      const { contractId } = await addContract(t.lf, {
        buyer: 'Any',
        delivery: { url: buyer.url, response: JSON_RULES },
      })
      assert.equal((await resend(leadId, contractId)).statusCode, 409)
      const other = await insertLead(t.lf, { Email: 'free@example.com' })
      assert.equal((await resend(other, 99_999)).statusCode, 404)
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: 'analyst@demo.test', password: 'demo' },
      })
      const session = signIn.cookies.find((c) => c.name === 'lf_session')!
      const denied = await resend(other, contractId, {
        cookie: `lf_session=${session.value}`,
        'x-csrf-token': signIn.json().csrf_token,
      })
      assert.equal(denied.statusCode, 403)
    })
  })
}
