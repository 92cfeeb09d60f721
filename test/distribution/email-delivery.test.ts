import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { startSmtp, type TestSmtp } from '../helpers/smtp-server.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { addContract, insertLead, onlyTestBuyers, setLeadTypeSettings } from './fixtures.js'

/** A message as the SMTP server received it, with quoted-printable soft breaks undone. */
const plain = (raw: string) => raw.replace(/=\r\n/g, '').replace(/=3D/g, '=')

/**
 * Email as a buyer delivery target (docs/webhooks.md, "Email delivery"), against a real local SMTP
 * server: a sale only once the server accepted the message; a refusal is a delivery error, retried
 * on the contract's schedule like an HTTP error, and recorded as the post event either way.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`email delivery [${kind}]`, () => {
    let t: TestApp
    let smtp: TestSmtp
    let refusing = false
    before(async () => {
      smtp = await startSmtp({ refusing: () => refusing })
      t = await createTestApp(kind, { config: { smtpUrl: smtp.url, mailFrom: 'leadflow <lf@test>' } })
      await onlyTestBuyers(t.lf)
    })
    after(async () => {
      await t.close()
      await smtp.close()
    })

    test('the contract API takes delivery.kind email with addresses, and refuses it without', async () => {
      const base = { name: 'Mail contract', lid: 1, price_cents: 500 }
      const buyer = await t.app.inject({
        method: 'POST',
        url: '/api/v1/buyers',
        headers: ADMIN,
        payload: { name: 'Mail buyer' },
      })
      assert.equal(buyer.statusCode, 201, buyer.body)
      const url = `/api/v1/buyers/${buyer.json().id}/contracts`
      const bad = await t.app.inject({
        method: 'POST',
        url,
        headers: ADMIN,
        payload: { ...base, delivery: { kind: 'email' } },
      })
      assert.equal(bad.statusCode, 400, bad.body)
      assert.match(bad.body, /delivery\.to|"to"/)
      const notAnAddress = await t.app.inject({
        method: 'POST',
        url,
        headers: ADMIN,
        payload: { ...base, delivery: { kind: 'email', to: ['not an address'] } },
      })
      assert.equal(notAnAddress.statusCode, 400, notAnAddress.body)
      const ok = await t.app.inject({
        method: 'POST',
        url,
        headers: ADMIN,
        payload: {
          ...base,
          status: 'off',
          delivery: { kind: 'email', to: ['leads@buyer.test'], subject: 'Lead {{lead_id}}' },
        },
      })
      assert.equal(ok.statusCode, 201, ok.body)
    })

    test('an accepted email is a sale, with the lead’s fields in the message and an SMTP post event', async () => {
      const c = await addContract(t.lf, {
        buyer: 'Email buyer',
        priceCents: 700,
        delivery: { kind: 'email', to: ['leads@buyer.test'], subject: 'New lead {{lead_id}} for {{State}}' },
      })
      const leadId = await insertLead(t.lf, { Email: 'mailed@example.com', FirstName: 'Grace' })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, true)
      const message = plain(smtp.messages.at(-1)!)
      assert.match(message, /To: leads@buyer\.test/)
      assert.match(message, new RegExp(`Subject: New lead ${leadId} for CA`))
      assert.match(message, /FirstName: Grace/)
      assert.match(message, /Email: mailed@example\.com/)
      const sale = await t.lf.db
        .selectFrom('sales')
        .selectAll()
        .where('lead_id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(sale.contract_id, c.contractId)
      assert.equal(Number(sale.price_cents), 700)
      const post = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', 'post')
        .executeTakeFirstOrThrow()
      assert.equal(post.step, 'email')
      assert.equal(post.outcome, 'accepted')
      assert.match(String(post.request_json), /mailto:leads@buyer\.test/)
      assert.match(String(post.response_json), /250/)
      await t.lf.db.updateTable('contracts').set({ status: 'off' }).where('id', '=', c.contractId).execute()
    })

    test('a refused email is no sale; the retry job sells it once the server accepts', async () => {
      await setLeadTypeSettings(t.lf, { strategy: 'waterfall' })
      const c = await addContract(t.lf, {
        buyer: 'Flaky mailbox',
        priceCents: 900,
        delivery: { kind: 'email', to: ['flaky@buyer.test'], retry: { attempts: 2, delaysMs: [0] } },
      })
      refusing = true
      const before = smtp.messages.length
      const leadId = await insertLead(t.lf, { Email: 'retry-mail@example.com' })
      const outcome = await t.services.distribution.distribute(leadId)
      assert.equal(outcome.sold, false)
      assert.equal(smtp.messages.length, before, 'nothing was accepted')
      const failed = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', leadId)
        .where('kind', '=', 'post')
        .executeTakeFirstOrThrow()
      assert.equal(failed.outcome, 'error')
      assert.match(String(failed.reason), /SMTP: .*550|refused/i)
      const job = await t.lf.db
        .selectFrom('jobs')
        .selectAll()
        .where('task', '=', 'distribution.delivery-retry')
        .executeTakeFirstOrThrow()
      assert.deepEqual(JSON.parse(job.payload_json), { leadId, contractId: c.contractId, attempt: 1 })
      refusing = false
      await t.lf.worker.drain()
      const sale = await t.lf.db
        .selectFrom('sales')
        .selectAll()
        .where('lead_id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(Number(sale.price_cents), 900)
      assert.ok(plain(smtp.messages.at(-1)!).includes('retry-mail@example.com'))
      const lead = await t.lf.db
        .selectFrom('leads')
        .select('status')
        .where('id', '=', leadId)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'sold')
    })
  })
}
