import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { assertJsonDepth } from '../../src/http/json-depth.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`

test('assertJsonDepth counts brackets outside strings only', () => {
  assert.doesNotThrow(() => assertJsonDepth(deep(64)))
  assert.throws(() => assertJsonDepth(deep(65)), /nested deeper than 64/)
  assert.doesNotThrow(() => assertJsonDepth(JSON.stringify({ a: '[[[[{{{{'.repeat(100) })))
  assert.doesNotThrow(() => assertJsonDepth(JSON.stringify({ a: 'quote \\" [[[['.repeat(100) })))
})

describe('deeply nested JSON bodies answer 4xx, never 500', () => {
  let t: TestApp
  before(async () => {
    t = await createTestApp('sqlite')
  })
  after(() => t.close())

  for (const [url, headers] of [
    ['/sandbox/acme/post', {}],
    ['/sandbox/acme/ping', {}],
    ['/api/v1/sources', { authorization: 'Bearer demo-admin-key' }],
    ['/processor/insert/general/json', {}],
    ['/lead/add?key=demo-dialler-key', {}],
    ['/feedback?event_id=x', {}],
  ] as const) {
    test(url, async () => {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': 'application/json' },
        payload: deep(20_000),
      })
      assert.ok(res.statusCode < 500, `${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`)
    })
  }
})
