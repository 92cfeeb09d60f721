import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { StorageDialect } from '../../../src/storage/dialects/dialect.js'
import { openPostgres } from '../../../src/storage/dialects/postgres.js'
import { openSqlite } from '../../../src/storage/dialects/sqlite.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'
import { formBody, person } from './leadexec-fixtures.js'
import { addSource } from './leadexec-world.js'

/**
 * Intake caches sources, lead types, campaigns and suppression lists (src/storage/config-cache.ts);
 * a change made anywhere — here through a second connection, as `leadflow apply` from another
 * process would — must reach the very next post.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`intake configuration cache [${kind}]`, () => {
    let t: TestApp
    let other: StorageDialect
    before(async () => {
      t = await createTestApp(kind)
      await addSource(t.lf, 60)
      other = kind === 'sqlite' ? openSqlite(t.url) : openPostgres(t.url, 1)
    })
    after(async () => {
      await other.close()
      await t.close()
    })

    const post = (vid: number) =>
      t.app
        .inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody(person(), `vid=${vid}&lid=1&password=pw`),
        })
        .then((r) => r.json())

    test('a source disabled and enabled again from another connection is seen by the next post', async () => {
      assert.equal((await post(60)).ResponseType, 0)
      await other.db.updateTable('sources').set({ status: 'disabled' }).where('vid', '=', 60).execute()
      const refused = await post(60)
      assert.equal(refused.isValidPost, false)
      assert.match(refused.ResponseDetails ?? JSON.stringify(refused), /disabled/)
      await other.db.updateTable('sources').set({ status: 'active' }).where('vid', '=', 60).execute()
      assert.equal((await post(60)).ResponseType, 0)
    })

    test('a source created after a post found no such vid is found by the next post', async () => {
      assert.equal((await post(61)).isValidPost, false)
      await addSource(t.lf, 61)
      assert.equal((await post(61)).ResponseType, 0)
    })

    test('a lead type paused from another connection refuses the next post', async () => {
      await other.db.updateTable('lead_types').set({ status: 'paused' }).where('lid', '=', 1).execute()
      assert.equal((await post(60)).isValidPost, false)
      await other.db.updateTable('lead_types').set({ status: 'active' }).where('lid', '=', 1).execute()
      assert.equal((await post(60)).ResponseType, 0)
    })
  })
}
