import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { StorageDialect } from '../../src/storage/dialects/dialect.js'
import { openPostgres } from '../../src/storage/dialects/postgres.js'
import { openSqlite } from '../../src/storage/dialects/sqlite.js'
import { dialectsUnderTest, openTestStorage, type TestStorage } from '../helpers/databases.js'

const now = new Date().toISOString()

/** src/storage/group-commit.ts: grouped on SQLite, one transaction per unit on PostgreSQL. */
for (const kind of await dialectsUnderTest()) {
  describe(`hot-path write transactions [${kind}]`, () => {
    let t: TestStorage
    let other: StorageDialect
    before(async () => {
      t = await openTestStorage(kind)
      other = kind === 'sqlite' ? openSqlite(t.url) : openPostgres(t.url, 1)
    })
    after(async () => {
      await other.close()
      await t.drop()
    })

    const insertSetting = (key: string) =>
      t.storage.writes.run(async (trx) => {
        await trx.insertInto('settings').values({ key, value: 'v' }).execute()
        return key
      })
    const committed = async (prefix: string) => {
      const rows = await other.db
        .selectFrom('settings')
        .select('key')
        .where('key', 'like', `${prefix}%`)
        .execute()
      return rows.map((r) => r.key).sort()
    }

    test('units asked for together all commit, and each answers only once its writes are visible elsewhere', async () => {
      const done = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          insertSetting(`together-${String(i).padStart(2, '0')}`).then(async (key) => {
            const seen = await other.db.selectFrom('settings').select('key').where('key', '=', key).execute()
            assert.equal(seen.length, 1, `${key} is committed when its unit answers`)
            return key
          }),
        ),
      )
      assert.equal(done.length, 20)
      assert.equal((await committed('together-')).length, 20)
    })

    test('a unit that fails is rolled back alone and gets its own error', async () => {
      const failing = t.storage.writes.run(async (trx) => {
        await trx.insertInto('settings').values({ key: 'mixed-bad', value: 'v' }).execute()
        throw new Error(`refused at ${now}`)
      })
      const results = await Promise.allSettled([insertSetting('mixed-a'), failing, insertSetting('mixed-b')])
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      )
      assert.match(String((results[1] as PromiseRejectedResult).reason), /refused at/)
      assert.deepEqual(await committed('mixed-'), ['mixed-a', 'mixed-b'])
    })

    test('a unit breaking a constraint fails without taking the others with it', async () => {
      await insertSetting('dup-1')
      const results = await Promise.allSettled([
        insertSetting('dup-2'),
        insertSetting('dup-1'),
        insertSetting('dup-3'),
      ])
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      )
      assert.deepEqual(await committed('dup-'), ['dup-1', 'dup-2', 'dup-3'])
    })
  })
}
