import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { up as rebuildReportState } from '../../src/storage/migrations/021-report-state.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { FORM, formBody, person } from '../protocols/leadexec/leadexec-fixtures.js'

/**
 * Reports grouped by `state` name the lead's state (docs/reports.md, "Dimensions"): intake stores
 * each field parsed, and the rollup reads the parsed field's normal form, not its JSON.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`reports by state [${kind}]`, () => {
    let t: TestApp
    const byState = async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/reports/pnl?bucket=all&group_by=state',
        headers: ADMIN,
      })
      assert.equal(res.statusCode, 200, res.body)
      const rows = res.json().rows as Array<{ state: string | null; posted: number }>
      return Object.fromEntries(rows.map((r) => [r.state, r.posted]))
    }

    before(async () => {
      t = await createTestApp(kind)
      for (const state of ['NV', 'NV', 'ca']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers: FORM,
          payload: formBody({ ...person(), State: state }),
        })
        assert.equal(res.json().isValidPost, true, res.body)
      }
    })
    after(() => t.close())

    test('each posted lead is counted under its two-letter state', async () => {
      assert.deepEqual(await byState(), { NV: 2, CA: 1 })
    })

    test('migration 021 recomputes a rollup built with the old state expression', async () => {
      await t.lf.db
        .updateTable('report_rollup')
        .set({ geo: '{"RAW":"NV","NORMAL":"NV","VALID":TRUE,"' })
        .execute()
      await rebuildReportState(t.lf.db, t.lf.storage)
      assert.deepEqual(await byState(), { NV: 2, CA: 1 })
      // The reinstalled triggers keep counting new leads.
      await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: FORM,
        payload: formBody({ ...person(), State: 'NV' }),
      })
      assert.deepEqual(await byState(), { NV: 3, CA: 1 })
    })
  })
}
