import assert from 'node:assert/strict'
import { test } from 'node:test'
import { pooledRandomBytes } from '../../../src/core/ids/pooled-random-bytes.js'
import { uuidV7 } from '../../../src/core/ids/uuid-v7.js'

test('pooledRandomBytes: each call gets bytes of its own, across block boundaries too', () => {
  const views = Array.from({ length: 1_000 }, () => pooledRandomBytes(12))
  const copies = views.map((v) => Buffer.from(v).toString('hex'))
  assert.equal(new Set(copies).size, copies.length)
  for (const v of views) v.fill(0)
  // Writing into one's view (as the ids do to stamp a time) leaves later draws random.
  const after = Array.from({ length: 400 }, () => pooledRandomBytes(16).toString('hex'))
  assert.ok(after.every((hex) => hex !== '0'.repeat(32)))
  assert.equal(new Set(after).size, after.length)
  assert.equal(pooledRandomBytes(10_000).length, 10_000)
})

test('uuidV7 from the pool: 10,000 ids, all distinct, all version 7', () => {
  const ids = Array.from({ length: 10_000 }, () => uuidV7(1_000))
  assert.equal(new Set(ids).size, ids.length)
  assert.ok(
    ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
  )
})
