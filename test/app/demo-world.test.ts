import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

const TABLES = [
  'sources',
  'campaigns',
  'lead_types',
  'buyers',
  'contracts',
  'credentials',
  'reasons',
] as const

for (const kind of await dialectsUnderTest()) {
  describe(`demo world through the admin use-cases [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const counts = async () => {
      const out: Record<string, number> = {}
      for (const table of TABLES) {
        const row = await t.lf.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
        out[table] = Number(row.n)
      }
      return out
    }

    test('a second run finds everything in place and adds nothing', async () => {
      const first = await counts()
      assert.deepEqual(
        { ...first },
        { sources: 1, campaigns: 1, lead_types: 1, buyers: 2, contracts: 2, credentials: 4, reasons: 6 },
      )
      await t.services.admin.seedDemo()
      assert.deepEqual(await counts(), first)
    })

    test('the demo keys work and the return reasons are ids 1–4', async () => {
      const reasons = await t.services.admin.reasons.list({ kind: 'return' })
      assert.deepEqual(
        reasons.map((r) => r.id),
        [1, 2, 3, 4],
      )
      assert.equal((await t.services.ops.keys.check('admin', 'demo-admin-key', '127.0.0.1')).ok, true)
    })
  })
}
