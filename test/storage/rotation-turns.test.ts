import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { StorageDialect } from '../../src/storage/dialects/dialect.js'
import { openPostgres } from '../../src/storage/dialects/postgres.js'
import { returnRotationTurn, takeRotationTurn } from '../../src/storage/take-rotation-turn.js'
import { dialectsUnderTest, openTestStorage, type TestStorage } from '../helpers/databases.js'

const THREE = [1, 2, 3].map((contractId) => ({ contractId, weight: 1 }))

/** The turn-taking statement itself (src/storage/take-rotation-turn.ts), raced without any sale around it. */
for (const kind of await dialectsUnderTest()) {
  describe(`rotation turns [${kind}]`, () => {
    let s: TestStorage
    let other: StorageDialect | undefined
    before(async () => {
      s = await openTestStorage(kind)
      if (kind === 'postgres') other = openPostgres(s.url, 10)
    })
    after(async () => {
      await other?.close()
      await s.drop()
    })

    test('60 turns taken at once (two connection pools on PostgreSQL) are exactly 20 each', async () => {
      const dbs = [s.storage.db, ...(other ? [other.db] : [])]
      const taken = await Promise.all(
        Array.from({ length: 60 }, (_, i) => takeRotationTurn(dbs[i % dbs.length]!, 'g:race', THREE)),
      )
      assert.deepEqual(
        [1, 2, 3].map((id) => taken.filter((x) => x === id).length),
        [20, 20, 20],
      )
      const rows = await s.storage.db
        .selectFrom('rotation_turns')
        .select(['contract_id', 'served'])
        .where('group_key', '=', 'g:race')
        .orderBy('contract_id')
        .execute()
      assert.deepEqual(
        rows.map((r) => Number(r.served)),
        [20, 20, 20],
      )
    })

    test('a returned turn is due again next; rotations are independent of each other', async () => {
      const db = s.storage.db
      assert.equal(await takeRotationTurn(db, 'g:back', THREE), 1)
      assert.equal(await takeRotationTurn(db, 'g:back', THREE), 2)
      await returnRotationTurn(db, 'g:back', 2)
      assert.equal(await takeRotationTurn(db, 'g:back', THREE), 2)
      assert.equal(await takeRotationTurn(db, 'g:other', THREE), 1)
      assert.equal(await takeRotationTurn(db, 'g:back', [{ contractId: 9, weight: 0 }]), null)
    })
  })
}
