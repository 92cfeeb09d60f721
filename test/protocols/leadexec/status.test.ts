import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { FORM, formBody, parseXml, person } from './leadexec-fixtures.js'
import { addSource } from './leadexec-world.js'

const PLAIN_FORM = { 'content-type': 'application/x-www-form-urlencoded' }

for (const kind of await dialectsUnderTest()) {
  describe(`LeadExec status as the lead's life goes on [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await addSource(t.lf, 50, { settings: { qcHold: true } })
    })
    after(() => t.close())

    const status = async (postId: string) =>
      (await t.app.inject({ method: 'GET', url: `/information/status/${postId}` })).json()

    test('a QC-held lead: PendingQCReview, then the review shows in QualityControlDetails', async () => {
      const answer = (
        await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody(person(), 'vid=50&lid=1&password=pw'),
        })
      ).json()
      assert.equal(answer.isValidPost, true)
      assert.equal(answer.PendingQCReview, true)
      assert.equal((await status(answer.PostID)).QualityControlDetails.PendingReview, true)
      const at = new Date().toISOString()
      await t.lf.db
        .updateTable('leads')
        .set({
          pending_qc: 0,
          qc_reviewed_at: at,
          qc_rejected: 1,
          qc_reason: 'Fake name',
          status: 'rejected',
          rejection_reason: 'Fake name',
        })
        .where('id', '=', answer.LeadIdentifier)
        .execute()
      const shown = await status(answer.PostID)
      assert.deepEqual(shown.QualityControlDetails, {
        PendingReview: false,
        DateOfReview: at,
        IsQualityControlRejected: true,
        RejectionReason: 'Fake name',
      })
      assert.equal(shown.IsValid, false)
    })

    test('a returned lead: ReturnDetails from the returns table; a refused return does not count', async () => {
      const answer = (
        await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers: FORM,
          payload: formBody(person()),
        })
      ).json()
      const leadId = answer.LeadIdentifier
      const buyer = await t.lf.db.selectFrom('buyers').select('id').executeTakeFirstOrThrow()
      const contract = await t.lf.db.selectFrom('contracts').select('id').executeTakeFirstOrThrow()
      const now = new Date().toISOString()
      const sale = await t.lf.db
        .insertInto('sales')
        .values({
          lead_id: leadId,
          contract_id: contract.id,
          buyer_id: buyer.id,
          event_id: 'a'.repeat(24),
          price_cents: 2500,
          state: 'returned',
          buyer_lead_id: null,
          redirect_url: null,
          replacement_for_sale_id: null,
          converted_at: null,
          created_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst()
      const saleId =
        sale?.id ??
        (
          await t.lf.db
            .selectFrom('sales')
            .select('id')
            .where('lead_id', '=', leadId)
            .executeTakeFirstOrThrow()
        ).id
      const addReturn = (status: string, reason: string, at: string) =>
        t.lf.db
          .insertInto('returns')
          .values({
            sale_id: saleId,
            lead_id: leadId,
            buyer_id: buyer.id,
            contract_id: contract.id,
            status,
            reason_id: null,
            reason,
            denied_reason_id: null,
            channel: 'native',
            event_id: null,
            created_at: at,
            decided_at: null,
          })
          .execute()
      await addReturn('credited', 'Wrong number', now)
      const shown = await status(answer.PostID)
      assert.deepEqual(shown.ReturnDetails, {
        IsReturned: true,
        DateOfReturn: now,
        ReturnReason: 'Wrong number',
      })
      const xml = await t.app.inject({
        method: 'GET',
        url: `/information/queuestatus/${answer.PostID}`,
        headers: { accept: 'application/xml' },
      })
      assert.equal(parseXml(xml.body).LeadStatusResponse.ReturnDetails.IsReturned, 'true')
    })

    test('PostID in the query, as the parameter table places it; access_token as a header', async () => {
      const answer = (
        await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers: { ...PLAIN_FORM, access_token: 'demo-token' },
          payload: formBody(person(), 'vid=1&lid=1&aid=1'),
        })
      ).json()
      assert.equal(answer.isValidPost, true, answer.ResponseDetails)
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: { ...PLAIN_FORM, access_token: 'not-the-token' },
        payload: formBody(person(), 'vid=1&lid=1&aid=1'),
      })
      assert.equal(wrong.json().isValidPost, false, wrong.body)
      for (const path of ['/information/queuestatus', '/information/status']) {
        for (const name of ['PostID', 'postid']) {
          const res = await t.app.inject({ method: 'GET', url: `${path}?${name}=${answer.PostID}` })
          assert.equal(res.statusCode, 200, `${path}?${name}`)
          assert.equal(res.json().LeadIdentifier, answer.LeadIdentifier)
        }
      }
      const unknown = await t.app.inject({ method: 'GET', url: '/information/status?PostID=nope' })
      assert.equal(unknown.statusCode, 404)
    })
  })
}
