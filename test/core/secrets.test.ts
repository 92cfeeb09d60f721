import assert from 'node:assert/strict'
import { randomBytes, scryptSync } from 'node:crypto'
import { test } from 'node:test'
import { hashPassword, verifyPassword } from '../../src/core/secrets.js'

/**
 * scrypt runs on leadflow's own threads (src/core/scrypt-thread.ts) with node's defaults, so every
 * stored hash — written before the move or after — verifies the same way.
 */
test('a hash stored before scrypt moved to its own threads still verifies', async () => {
  const salt = randomBytes(16)
  const stored = `scrypt$${salt.toString('base64')}$${scryptSync('older', salt, 32).toString('base64')}`
  assert.equal(await verifyPassword('older', stored), true)
  assert.equal(await verifyPassword('other', stored), false)
})

test('a new hash is node scrypt with its defaults; checks that arrive together agree', async () => {
  const stored = await hashPassword('pässword')
  const [scheme, salt, hash] = stored.split('$')
  assert.equal(scheme, 'scrypt')
  assert.equal(scryptSync('pässword', Buffer.from(salt, 'base64'), 32).toString('base64'), hash)
  const together = await Promise.all([
    ...Array.from({ length: 10 }, () => verifyPassword('pässword', stored)),
    ...Array.from({ length: 10 }, () => verifyPassword('wrong', stored)),
  ])
  assert.deepEqual(together, [...Array(10).fill(true), ...Array(10).fill(false)])
})
