import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { formBody, person } from './leadexec-fixtures.js'
import { addSource } from './leadexec-world.js'

for (const kind of await dialectsUnderTest()) {
  describe(`post caps under concurrency [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await addSource(t.lf, 40, {
        settings: {
          postCaps: [
            { period: 'hour', count: 3 },
            { period: 'month', count: 100 },
          ],
        },
      })
    })
    after(() => t.close())

    test('12 simultaneous posts against an hourly cap of 3: exactly 3 accepted, the rest Post_Over_Max', async () => {
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          t.app
            .inject({
              method: 'POST',
              url: '/processor/insert/general/json',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              payload: formBody(person(), 'vid=40&lid=1&password=pw'),
            })
            .then((r) => r.json()),
        ),
      )
      const codes = answers.map((a) => a.ResponseType).sort()
      assert.deepEqual(codes, [0, 0, 0, 8, 8, 8, 8, 8, 8, 8, 8, 8])
      const counters = await t.lf.db
        .selectFrom('cap_counters')
        .select(['window', 'count'])
        .where('subject', 'like', 'source-posts:%')
        .orderBy('window')
        .execute()
      assert.deepEqual(
        counters.map((c) => [c.window.split(':')[0], Number(c.count)]),
        [
          ['hour', 3],
          ['month', 3],
        ],
        'a refused post gives back the slots it took in other windows',
      )
    })
  })
}
