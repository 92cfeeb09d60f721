import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { SYSTEM } from '../../src/core/accounts/caller.js'
import { createQcReview } from '../../src/core/distribution/qc-review.js'
import { PROCESS_LEAD_TASK } from '../../src/core/intake/intake-tasks.js'
import { acceptedOutcome } from '../../src/core/intake/outcomes.js'
import { processLead } from '../../src/core/intake/process-lead.js'
import { createQcReviewStore } from '../../src/storage/qc-review-store.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { type BuyerServer, startBuyer } from './buyer-server.js'
import { addContract, insertLead, JSON_RULES, onlyTestBuyers } from './fixtures.js'

for (const kind of await dialectsUnderTest()) {
  describe(`operations: atomic admin switches [${kind}]`, () => {
    let t: TestApp
    let buyer: BuyerServer
    before(async () => {
      t = await createTestApp(kind)
      buyer = await startBuyer(() => ({ body: { status: 'accepted' } }))
      await onlyTestBuyers(t.lf)
      await addContract(t.lf, {
        buyer: 'Atomic buyer',
        priceCents: 900,
        delivery: { url: buyer.url, response: JSON_RULES },
      })
    })
    after(async () => {
      await buyer.close()
      await t.close()
    })

    /** A lead held for QC as intake leaves it: status pending_qc, its PendingQCReview outcome recorded. */
    async function heldLead(email: string): Promise<number> {
      const id = await insertLead(t.lf, { Email: email }, { status: 'pending_qc', pendingQc: true })
      const row = await t.lf.db
        .selectFrom('leads')
        .select(['post_id', 'received_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      const outcome = acceptedOutcome({ postId: row.post_id, receivedAt: row.received_at }, id, 0, true)
      await t.lf.db
        .updateTable('leads')
        .set({ outcome_json: JSON.stringify(outcome) })
        .where('id', '=', id)
        .execute()
      return id
    }

    const jobsOf = (leadId: number) =>
      t.lf.db.selectFrom('jobs').selectAll().where('key', '=', `qc-approve:${leadId}`).execute()

    test('QC approve commits the status, its event and an intake.process job together', async () => {
      const held = await heldLead('atomic-qc1@example.com')
      const approved = await t.app.inject({
        method: 'POST',
        url: `/api/v1/leads/${held}/qc/approve`,
        headers: ADMIN,
      })
      assert.equal(approved.statusCode, 200)
      assert.equal(approved.json().sold, true)
      const [job, ...more] = await jobsOf(held)
      assert.equal(more.length, 0)
      assert.equal(job?.task, PROCESS_LEAD_TASK)
      assert.deepEqual(JSON.parse(job!.payload_json), { leadId: held })
      const events = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', held)
        .where('kind', '=', 'qc')
        .execute()
      assert.equal(events.length, 1)
      // The recovery job finds the lead sold and does nothing: no second delivery.
      const before = buyer.received.length
      await processLead(t.services.intake, held)
      assert.equal(buyer.received.length, before)
    })

    test('a crash after the QC commit leaves a job that distributes the lead', async () => {
      const held = await heldLead('atomic-qc2@example.com')
      const crashing = createQcReview({
        store: createQcReviewStore(t.lf.db),
        clock: t.lf.clock,
        distributor: {
          ...t.services.distribution,
          distribute: () => Promise.reject(new Error('process died')),
        },
      })
      await assert.rejects(crashing.approve(held, SYSTEM), /process died/)
      const lead = await t.lf.db
        .selectFrom('leads')
        .select('status')
        .where('id', '=', held)
        .executeTakeFirstOrThrow()
      assert.equal(lead.status, 'accepted')
      assert.equal((await jobsOf(held)).length, 1, 'the job committed with the approval')
      await processLead(t.services.intake, held)
      const sold = await t.lf.db
        .selectFrom('leads')
        .select('status')
        .where('id', '=', held)
        .executeTakeFirstOrThrow()
      assert.equal(sold.status, 'sold')
    })

    test('QC reject writes no job; a lead decided twice answers 409 and writes nothing more', async () => {
      const held = await heldLead('atomic-qc3@example.com')
      const reject = () =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/leads/${held}/qc/reject`,
          headers: ADMIN,
          payload: { reason: 'Fake' },
        })
      const answers = await Promise.all([reject(), reject(), reject()])
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 409, 409])
      assert.equal((await jobsOf(held)).length, 0)
      const events = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('lead_id', '=', held)
        .where('kind', '=', 'qc')
        .execute()
      assert.equal(events.length, 1)
    })

    test('contract resume writes its event with the switch; concurrent resumes: one 200', async () => {
      const { contractId } = await addContract(t.lf, {
        buyer: 'Paused buyer',
        delivery: { url: buyer.url, response: JSON_RULES },
      })
      await t.lf.db.updateTable('contracts').set({ status: 'paused' }).where('id', '=', contractId).execute()
      const resume = () =>
        t.app.inject({ method: 'POST', url: `/api/v1/contracts/${contractId}/resume`, headers: ADMIN })
      const answers = await Promise.all(Array.from({ length: 5 }, resume))
      assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 409, 409, 409, 409])
      const events = await t.lf.db
        .selectFrom('events')
        .selectAll()
        .where('step', '=', 'resume')
        .where('contract_id', '=', contractId)
        .execute()
      assert.equal(events.length, 1)
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/v1/contracts/999999/resume',
        headers: ADMIN,
      })
      assert.equal(missing.statusCode, 404)
    })

    test('20 concurrent creates of one suppression list: one 201, the rest 409, no 500', async () => {
      const create = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/suppression-lists',
          headers: ADMIN,
          payload: { name: 'Race list', kind: 'email' },
        })
      const answers = await Promise.all(Array.from({ length: 20 }, create))
      const codes = answers.map((a) => a.statusCode)
      assert.equal(codes.filter((c) => c === 201).length, 1, `answers: ${codes.join(',')}`)
      assert.equal(codes.filter((c) => c === 409).length, 19, `answers: ${codes.join(',')}`)
      const lists = await t.lf.db
        .selectFrom('suppression_lists')
        .selectAll()
        .where('name', '=', 'Race list')
        .execute()
      assert.equal(lists.length, 1)
    })

    test('deleting a suppression list removes it with its entries; a second delete is 404', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/suppression-lists',
        headers: ADMIN,
        payload: { name: 'Doomed list', kind: 'email' },
      })
      const { id } = created.json()
      const added = await t.app.inject({
        method: 'POST',
        url: `/api/v1/suppression-lists/${id}/entries`,
        headers: ADMIN,
        payload: { values: ['a@example.com', 'b@example.com'] },
      })
      assert.equal(added.json().added, 2)
      const gone = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/suppression-lists/${id}`,
        headers: ADMIN,
      })
      assert.equal(gone.statusCode, 204)
      const entries = await t.lf.db
        .selectFrom('suppression_entries')
        .selectAll()
        .where('list_id', '=', id)
        .execute()
      assert.equal(entries.length, 0)
      const again = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/suppression-lists/${id}`,
        headers: ADMIN,
      })
      assert.equal(again.statusCode, 404)
    })
  })
}
