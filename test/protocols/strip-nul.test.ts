import assert from 'node:assert/strict'
import { test } from 'node:test'
import { stripNul, withoutNul } from '../../src/protocols/strip-nul.js'

test('withoutNul removes every U+0000 and leaves other control characters', () => {
  assert.equal(withoutNul('a\u0000b\u0000'), 'ab')
  assert.equal(withoutNul('\u0000'), '')
  assert.equal(withoutNul('tab\there\u0001'), 'tab\there\u0001')
})

test('stripNul cleans every string value of a decoded body, keys and other values untouched', () => {
  const body = JSON.parse(
    '{"a\\u0000":"x\\u0000y","n":1,"list":["\\u0000",{"deep":"z\\u0000"}],"t":true,"none":null}',
  )
  assert.equal(stripNul(body), body)
  assert.deepEqual(body, { 'a\u0000': 'xy', n: 1, list: ['', { deep: 'z' }], t: true, none: null })
  assert.equal(stripNul('a\u0000'), 'a')
  assert.equal(stripNul(undefined), undefined)
})

test('stripNul walks bodies nested far deeper than the stack allows', () => {
  const levels = 200_000
  const body = JSON.parse(`${'['.repeat(levels)}"\\u0000x"${']'.repeat(levels)}`)
  stripNul(body)
  let inner: unknown = body
  for (let i = 0; i < levels; i++) inner = (inner as unknown[])[0]
  assert.equal(inner, 'x')
})

test('an own __proto__ key is cleaned as a value, never turned into a prototype', () => {
  const body = JSON.parse('{"__proto__":{"polluted":"y\\u0000"}}')
  stripNul(body)
  assert.equal(({} as Record<string, unknown>).polluted, undefined)
  assert.deepEqual(Object.getOwnPropertyDescriptor(body, '__proto__')?.value, { polluted: 'y' })
})
