import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Clock } from '../../src/core/ports.js'
import { insertLead } from '../distribution/fixtures.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'

/** The console's live chart (docs/reports.md, "Posts per minute"), on a fixed clock. */
const NOW = new Date('2026-03-08T06:30:20.000Z')
const clock: Clock = { now: () => NOW }

for (const kind of await dialectsUnderTest()) {
  describe(`GET /api/v1/reports/posts-per-minute [${kind}]`, () => {
    let t: TestApp
    const at = async (iso: string, status: string, isTest = 0) => {
      const id = await insertLead(t.lf, {}, { status })
      await t.lf.db
        .updateTable('leads')
        .set({ received_at: iso, is_test: isTest })
        .where('id', '=', id)
        .execute()
    }
    const get = (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/reports/posts-per-minute${query}`, headers: ADMIN })

    before(async () => {
      t = await createTestApp(kind, { clock })
      await at('2026-03-08T06:25:59.999Z', 'sold') // before the 5-minute range
      await at('2026-03-08T06:26:00.000Z', 'sold')
      await at('2026-03-08T06:26:30.000Z', 'rejected')
      await at('2026-03-08T06:28:10.000Z', 'returned')
      await at('2026-03-08T06:28:11.000Z', 'unsold')
      await at('2026-03-08T06:28:12.000Z', 'sold', 1) // test traffic
      await at('2026-03-08T06:30:19.000Z', 'accepted')
    })
    after(() => t.close())

    test('every minute of the range, oldest first, empty minutes as 0, test traffic left out', async () => {
      const res = await get('?minutes=5')
      assert.equal(res.statusCode, 200, res.body)
      const body = res.json()
      assert.equal(body.from, '2026-03-08T06:26:00.000Z')
      assert.equal(body.to, '2026-03-08T06:31:00.000Z')
      assert.deepEqual(body.minutes, [
        { minute: '2026-03-08T06:26:00.000Z', posts: 2, sold: 1, rejected: 1 },
        { minute: '2026-03-08T06:27:00.000Z', posts: 0, sold: 0, rejected: 0 },
        { minute: '2026-03-08T06:28:00.000Z', posts: 2, sold: 1, rejected: 0 },
        { minute: '2026-03-08T06:29:00.000Z', posts: 0, sold: 0, rejected: 0 },
        { minute: '2026-03-08T06:30:00.000Z', posts: 1, sold: 0, rejected: 0 },
      ])
    })

    test('include_test counts test traffic too; the default range is the last 60 minutes', async () => {
      const withTest = (await get('?minutes=5&include_test=true')).json()
      assert.equal(withTest.minutes[2].posts, 3)
      const hour = (await get('')).json()
      assert.equal(hour.minutes.length, 60)
      assert.equal(
        hour.minutes.reduce((n: number, m: { posts: number }) => n + m.posts, 0),
        6,
      )
    })

    test('a range outside 1 minute – 1 day is 400', async () => {
      for (const q of ['?minutes=0', '?minutes=1441', '?minutes=x']) {
        const res = await get(q)
        assert.equal(res.statusCode, 400, q)
        assert.equal(res.json().error.code, 'LF_VALIDATION')
      }
    })
  })
}
