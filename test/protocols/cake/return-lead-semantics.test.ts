import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { type SoldLead, sellDemoLead } from '../../helpers/sales-fixture.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { readLeadReturnResponse, returnLeadGet, returnLeadQuery } from './cake-helpers.js'

for (const kind of await dialectsUnderTest()) {
  describe(`CAKE ReturnLead semantics [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const returnOf = (sale: SoldLead) =>
      t.lf.db.selectFrom('returns').selectAll().where('sale_id', '=', sale.saleId).execute()
    const ledgerOf = (sale: SoldLead) =>
      t.lf.db
        .selectFrom('ledger')
        .select(['account_kind', 'entry', 'amount_cents'])
        .where('sale_id', '=', sale.saleId)
        .orderBy('id')
        .execute()
    const saleState = async (sale: SoldLead) =>
      (
        await t.lf.db
          .selectFrom('sales')
          .select('state')
          .where('id', '=', sale.saleId)
          .executeTakeFirstOrThrow()
      ).state

    test('approve_for_credit credits the buyer in the ledger and returns the lead', async () => {
      const sale = await sellDemoLead(t.lf)
      const answer = await returnLeadGet(t, { lead_id: sale.leadId, return_type: 'approve_for_credit' })
      assert.equal(answer.success, 'true')
      assert.deepEqual(await ledgerOf(sale), [
        { account_kind: 'buyer', entry: 'sale', amount_cents: sale.priceCents },
        { account_kind: 'buyer', entry: 'credit', amount_cents: -sale.priceCents },
      ])
      assert.equal(await saleState(sale), 'credited')
      const [ret] = await returnOf(sale)
      assert.equal(ret!.status, 'credited')
      assert.equal(ret!.reason, 'Bad contact info')
      assert.equal(ret!.channel, 'cake')
      const lead = await t.lf.db
        .selectFrom('leads')
        .select('status')
        .where('id', '=', sale.leadId)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'returned')
    })

    test('approve_to_replace queues the buyer for a replacement and moves no money', async () => {
      const sale = await sellDemoLead(t.lf)
      await returnLeadGet(t, { lead_id: sale.leadId, return_type: 'approve_to_replace' })
      const replacement = await t.lf.db
        .selectFrom('replacements')
        .selectAll()
        .where('original_sale_id', '=', sale.saleId)
        .executeTakeFirstOrThrow()
      assert.equal(replacement.buyer_id, sale.buyerId)
      assert.equal(replacement.contract_id, sale.contractId)
      assert.equal(replacement.fulfilled_sale_id, null)
      assert.equal(await saleState(sale), 'replaced')
      assert.equal((await ledgerOf(sale)).length, 1)
    })

    test('a queued return is then approved, and a decided one is Already in Return List', async () => {
      const sale = await sellDemoLead(t.lf)
      assert.equal(
        (await returnLeadGet(t, { lead_id: sale.leadId, return_type: 'submit_for_approval' })).success,
        'true',
      )
      assert.deepEqual(await returnLeadGet(t, { lead_id: sale.leadId, return_type: 'submit_for_approval' }), {
        success: 'false',
        message: 'Lead is Already in Return List',
      })
      assert.equal(
        (await returnLeadGet(t, { lead_id: sale.leadId, return_type: 'approve_for_credit' })).success,
        'true',
      )
      assert.equal((await returnOf(sale))[0]!.status, 'credited')
      assert.deepEqual(await returnLeadGet(t, { lead_id: sale.leadId, return_type: 'approve_to_replace' }), {
        success: 'false',
        message: 'Lead is Already in Return List',
      })
    })

    test('reject refuses the queued return with the denied reason', async () => {
      const sale = await sellDemoLead(t.lf)
      await returnLeadGet(t, { lead_id: sale.leadId, return_type: 'submit_for_approval' })
      const missing = await returnLeadGet(t, { lead_id: sale.leadId, return_type: 'reject' })
      assert.match(missing.message, /denied_reason_id/)
      const answer = await returnLeadGet(t, {
        lead_id: sale.leadId,
        return_type: 'reject',
        denied_reason_id: 5,
      })
      assert.deepEqual(answer, { success: 'true', message: 'Lead Return Rejected' })
      const [ret] = await returnOf(sale)
      assert.equal(ret!.status, 'rejected')
      assert.equal(ret!.denied_reason_id, 5)
      assert.equal(await saleState(sale), 'sold')
      const unknown = await returnLeadGet(t, {
        lead_id: sale.leadId,
        return_type: 'reject',
        denied_reason_id: 1,
      })
      assert.equal(unknown.message, 'Reject reason 1 does not exist')
    })

    test('a multi-sold lead needs buyer_contract_id, which picks the sale', async () => {
      const acme = await sellDemoLead(t.lf, { buyer: 'acme' })
      const zenith = await sellDemoLead(t.lf, { buyer: 'zenith', leadId: acme.leadId })
      const ambiguous = await returnLeadGet(t, { lead_id: acme.leadId, return_type: 'approve_for_credit' })
      assert.equal(ambiguous.success, 'false')
      assert.match(ambiguous.message, /sold to several buyer contracts/)
      const answer = await returnLeadGet(t, {
        lead_id: acme.leadId,
        buyer_contract_id: zenith.contractId,
        return_type: 'approve_for_credit',
      })
      assert.equal(answer.success, 'true')
      assert.equal(await saleState(zenith), 'credited')
      assert.equal(await saleState(acme), 'sold')
      const lead = await t.lf.db
        .selectFrom('leads')
        .select('status')
        .where('id', '=', acme.leadId)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'sold', 'one buyer still holds the lead')
      const wrong = await returnLeadGet(t, {
        lead_id: acme.leadId,
        buyer_contract_id: 9999,
        return_type: 'reject',
      })
      assert.match(wrong.message, /denied_reason_id|did not purchase/)
    })

    test('every other refusal has a clear message', async () => {
      const sale = await sellDemoLead(t.lf)
      const cases: Array<[Parameters<typeof returnLeadGet>[1], RegExp]> = [
        [{ lead_id: 'E2R3JKM1', return_type: 'approve_to_replace' }, /Lead E2R3JKM1 was not found/],
        [{ lead_id: '', return_type: 'approve_to_replace' }, /Missing parameter: lead_id/],
        [{ lead_id: sale.leadId, return_type: 'refund' }, /Invalid return_type/],
        [
          { lead_id: sale.leadId, return_type: 'reject', return_reason_id: '' },
          /Missing parameter: return_reason_id/,
        ],
        [
          { lead_id: sale.leadId, return_type: 'approve_for_credit', return_reason_id: 99 },
          /Return reason 99 does not exist/,
        ],
        [
          { lead_id: sale.leadId, return_type: 'approve_for_credit', vertical_id: 'x' },
          /Invalid vertical_id/,
        ],
        [{ lead_id: sale.leadId, return_type: 'approve_for_credit', vertical_id: 32 }, /not in vertical 32/],
        [
          { lead_id: sale.leadId, return_type: 'approve_for_credit', buyer_contract_id: 999 },
          /did not purchase/,
        ],
      ]
      for (const [args, message] of cases) {
        const answer = await returnLeadGet(t, args)
        assert.equal(answer.success, 'false')
        assert.match(answer.message, message)
      }
      assert.equal((await returnOf(sale)).length, 0)
      const events = await t.lf.db
        .selectFrom('events')
        .select('outcome')
        .where('lead_id', '=', sale.leadId)
        .where('kind', '=', 'feedback')
        .execute()
      assert.equal(events.length, 3, 'refusals that reached the lead are events on it')
      assert.ok(events.every((e) => e.outcome === 'failure'))
    })

    test('20 concurrent duplicate returns create one return and one credit', async () => {
      const sale = await sellDemoLead(t.lf)
      const query = returnLeadQuery({ lead_id: sale.leadId, return_type: 'approve_for_credit' })
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          t.app.inject({ method: 'GET', url: `/api/2/track.asmx/ReturnLead?${query}` }),
        ),
      )
      const parsed = answers.map((a) => readLeadReturnResponse(a.body))
      assert.equal(parsed.filter((a) => a.success === 'true').length, 1)
      assert.ok(
        parsed
          .filter((a) => a.success === 'false')
          .every((a) => a.message === 'Lead is Already in Return List'),
      )
      assert.equal((await returnOf(sale)).length, 1)
      const credits = (await ledgerOf(sale)).filter((e) => e.entry === 'credit')
      assert.equal(credits.length, 1)
    })
  })
}
