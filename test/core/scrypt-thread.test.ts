import assert from 'node:assert/strict'
import { scryptSync } from 'node:crypto'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { createScryptThreads } from '../../src/core/scrypt-thread.js'

const salt = Buffer.from('0123456789abcdef')

test('a thread that ended after idling is replaced by the next call', async () => {
  const scrypt = createScryptThreads(1, 20)
  const expected = scryptSync('idle', salt, 32)
  assert.deepEqual(await scrypt('idle', salt, 32), expected)
  await sleep(300)
  assert.deepEqual(await scrypt('idle', salt, 32), expected)
})

test('calls that arrive together all get their keys, and more calls than threads wait their turn', async () => {
  const scrypt = createScryptThreads(2, 20)
  const keys = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((p) => scrypt(p, salt, 16)))
  assert.deepEqual(
    keys,
    ['a', 'b', 'c', 'd', 'e'].map((p) => scryptSync(p, salt, 16)),
  )
})
