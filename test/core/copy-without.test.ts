import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { copyWithout } from '../../src/core/copy-without.js'

test('copyWithout gives what a spread of an object rest gives: the same keys, order and values', () => {
  const key = fc.oneof(fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor', '1', '0'), fc.string())
  const json = fc.dictionary(key, fc.jsonValue()).map((d) => JSON.parse(JSON.stringify(d)))
  fc.assert(
    fc.property(json, json, fc.uniqueArray(key, { maxLength: 3 }), (target, source, excluded) => {
      const rest: Record<string, unknown> = { ...source }
      for (const k of excluded) delete rest[k]
      const want = { ...target, ...rest }
      const got = copyWithout({ ...target }, source, excluded)
      assert.deepEqual(Object.keys(got), Object.keys(want))
      assert.equal(JSON.stringify(got), JSON.stringify(want))
      assert.equal(Object.getPrototypeOf(got), Object.prototype)
    }),
    { numRuns: 2000 },
  )
})

test('copyWithout matches a destructuring rest on a command-shaped object', () => {
  const cmd = { sourceId: '1', campaignId: undefined, password: 'p', token: undefined, clientIp: '::1' }
  const { password: _p, token: _t, ...rest } = cmd
  const got = copyWithout({}, cmd, ['password', 'token'])
  assert.deepEqual(got, rest)
  assert.deepEqual(Object.keys(got), Object.keys(rest))
})
