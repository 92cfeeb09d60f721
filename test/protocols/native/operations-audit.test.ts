import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { insertLead } from '../../distribution/fixtures.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { sellDemoLead } from '../../helpers/sales-fixture.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'
import { returnLeadGet } from '../cake/cake-helpers.js'

interface AuditEntry {
  action: string
  actor_kind: string
  actor_label: string
  resource: string
  resource_id: string | null
  before: Record<string, any> | null
  after: Record<string, any> | null
}

/**
 * Admin actions beside configuration (docs/accounts.md, "Audit log"): QC and return decisions,
 * contract resume, suppression lists and entries, privacy purges. Each row is read back through
 * GET /api/v1/audit; none carries a consumer's email or phone.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`admin actions are audited [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const call = async (method: 'POST' | 'DELETE', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url: `/api/v1${url}`, headers: ADMIN, payload })
      assert.ok(res.statusCode < 300, `${method} ${url}: ${res.body}`)
      return res.statusCode === 204 ? null : res.json()
    }
    const audit = async (query: string): Promise<AuditEntry[]> => {
      const res = await t.app.inject({ url: `/api/v1/audit?${query}`, headers: ADMIN })
      assert.equal(res.statusCode, 200, res.body)
      return res.json().items
    }

    test('QC approve and reject: status before → after, by the key, without the free-text reason', async () => {
      const approved = await insertLead(
        t.lf,
        { Email: 'qc-audit-1@example.com' },
        { status: 'pending_qc', pendingQc: true },
      )
      const rejected = await insertLead(
        t.lf,
        { Email: 'qc-audit-2@example.com' },
        { status: 'pending_qc', pendingQc: true },
      )
      await call('POST', `/leads/${approved}/qc/approve`)
      await call('POST', `/leads/${rejected}/qc/reject`, { reason: 'Jane Doe says she never asked' })

      const [approval] = await audit(`resource=lead&resource_id=${approved}`)
      assert.equal(approval?.action, 'lead.qc_approve')
      assert.equal(approval.actor_kind, 'key')
      assert.deepEqual(approval.before, { status: 'pending_qc', pending_qc: true })
      assert.deepEqual(approval.after, { status: 'accepted', pending_qc: false })
      const [rejection] = await audit(`action=lead.qc_reject&resource_id=${rejected}`)
      assert.deepEqual(rejection?.after, { status: 'rejected', pending_qc: false, reason_given: true })
      assert.doesNotMatch(JSON.stringify(rejection), /Jane/)
    })

    test('return decisions: a native credit, a queued return rejected, a CAKE return by its key', async () => {
      const credited = await sellDemoLead(t.lf)
      const created = await call('POST', '/returns', {
        lead_id: credited.leadId,
        return_type: 'approve_for_credit',
        return_reason_id: 2,
      })
      const [credit] = await audit(`resource=return&resource_id=${created.id}`)
      assert.equal(credit?.action, 'return.credit')
      assert.equal(credit.before, null)
      assert.equal(credit.after?.status, 'credited')
      assert.equal(credit.after?.sale_id, credited.saleId)

      const queued = await sellDemoLead(t.lf)
      await returnLeadGet(t, { lead_id: queued.leadId, return_type: 'submit_for_approval' })
      const [submitted] = await audit('action=return.submit')
      assert.equal(submitted?.actor_kind, 'key')
      assert.match(submitted.actor_label, /^cake key #\d+$/)
      assert.equal(submitted.after?.sale_id, queued.saleId)
      const id = Number(submitted.resource_id)
      await call('POST', `/returns/${id}/reject`, { denied_reason_id: 6 })
      const [rejection] = await audit(`action=return.reject&resource_id=${id}`)
      assert.equal(rejection?.before?.status, 'pending')
      assert.equal(rejection.after?.status, 'rejected')
      assert.equal(rejection.after?.denied_reason_id, 6)
    })

    test('contract resume: paused → active with the error streak it cleared', async () => {
      const contract = await t.lf.db
        .selectFrom('contracts')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow()
      await t.lf.db
        .updateTable('contracts')
        .set({ status: 'paused', consecutive_errors: 5 })
        .where('id', '=', contract.id)
        .execute()
      await call('POST', `/contracts/${contract.id}/resume`)
      const [resume] = await audit(`action=contract.resume&resource_id=${contract.id}`)
      assert.equal(resume?.resource, 'contract')
      assert.deepEqual(resume.before, { status: 'paused', consecutive_errors: 5 })
      assert.deepEqual(resume.after, { status: 'active', consecutive_errors: 0 })
    })

    test('suppression lists and entries: counts, never the values', async () => {
      const list = await call('POST', '/suppression-lists', { name: 'audited list', kind: 'email' })
      await call('POST', `/suppression-lists/${list.id}/entries`, {
        values: ['listed-one@example.com', 'listed-two@example.com'],
      })
      await call('DELETE', `/suppression-lists/${list.id}/entries`, { values: ['listed-one@example.com'] })
      await call('DELETE', `/suppression-lists/${list.id}`)
      const rows = await audit(`resource=suppression_list&resource_id=${list.id}`)
      assert.deepEqual(
        rows.map((r) => r.action),
        [
          'suppression_list.delete',
          'suppression_list.entries_remove',
          'suppression_list.entries_add',
          'suppression_list.create',
        ],
      )
      const [deleted, removed, added, created] = rows
      assert.equal(created?.after?.name, 'audited list')
      assert.equal(added?.before?.entries, 0)
      assert.equal(added?.after?.entries, 2)
      assert.equal(added?.after?.added, 2)
      assert.equal(removed?.after?.entries, 1)
      assert.equal(removed?.after?.removed, 1)
      assert.equal(deleted?.before?.entries, 1)
      assert.equal(deleted?.after, null)
      assert.doesNotMatch(JSON.stringify(rows), /listed-/)
    })

    test('privacy purge: what was asked and how many rows, never the email or phone', async () => {
      const lead = await insertLead(t.lf, { Email: 'purge-audit@example.com', Phone: '5551234567' })
      await call('POST', '/privacy/purge', { email: 'purge-audit@example.com', phone: '5551234567' })
      const [purge] = await audit('action=privacy.purge')
      assert.equal(purge?.resource, 'consumer')
      assert.equal(purge.resource_id, null)
      assert.deepEqual(purge.before, { email: true, phone: true })
      assert.ok((purge.after?.leads ?? 0) >= 1, JSON.stringify(purge.after))
      assert.doesNotMatch(JSON.stringify(purge), /purge-audit|5551234567/)
      assert.ok(lead > 0)
    })
  })
}
