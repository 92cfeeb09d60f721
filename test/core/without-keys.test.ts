import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { withoutKeys } from '../../src/core/without-keys.js'

test('withoutKeys gives what an object rest gives: the same keys, order and values', () => {
  const key = fc.oneof(fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor', '1', '0'), fc.string())
  const json = fc.dictionary(key, fc.jsonValue()).map((d) => JSON.parse(JSON.stringify(d)))
  fc.assert(
    fc.property(json, fc.uniqueArray(key, { maxLength: 3 }), (obj: Record<string, unknown>, excluded) => {
      const rest: Record<string, unknown> = { ...obj }
      for (const k of excluded) delete rest[k]
      const got = withoutKeys(obj, excluded)
      assert.deepEqual(Object.keys(got), Object.keys(rest))
      assert.equal(JSON.stringify(got), JSON.stringify(rest))
      assert.equal(Object.getPrototypeOf(got), Object.prototype)
    }),
    { numRuns: 2000 },
  )
})

test('withoutKeys matches a destructuring rest on a command-shaped object', () => {
  const cmd = { sourceId: '1', campaignId: undefined, password: 'p', token: undefined, clientIp: '::1' }
  const { password: _p, token: _t, ...rest } = cmd
  assert.deepEqual(withoutKeys(cmd, ['password', 'token']), rest)
  assert.deepEqual(Object.keys(withoutKeys(cmd, ['password', 'token'])), Object.keys(rest))
})
