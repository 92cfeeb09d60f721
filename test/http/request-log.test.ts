import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

// Logging is not storage: SQLite alone is enough.
describe('request log at info (issue 18: a silent terminal)', () => {
  const lines: Record<string, unknown>[] = []
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
      done()
    },
  })
  let t: TestApp
  before(async () => {
    t = await createTestApp('sqlite', { logger: pino({ level: 'info' }, sink) })
  })
  after(() => t.close())

  const requestLines = () => lines.filter((l) => l.msg === 'request')

  test('method, route pattern, status and duration; no query string, body or personal data', async () => {
    lines.length = 0
    await t.app.inject({
      method: 'POST',
      url: '/processor/insert/general/json?password=demo',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'vid=1&lid=1&aid=1&password=demo&Email=secret.person@example.com&Phone=7025550142&Zip=89101',
    })
    await t.app.inject({
      url: '/api/v1/leads/1?x=secret',
      headers: { authorization: 'Bearer demo-admin-key' },
    })
    const [post, get] = requestLines()
    assert.ok(post && get)
    assert.deepEqual(
      { method: post.method, route: post.route, status: post.status, level: post.level },
      { method: 'POST', route: '/processor/insert/general/:response_type', status: 200, level: 30 },
    )
    assert.deepEqual([get.route, get.status], ['/api/v1/leads/:id', 200])
    assert.equal(typeof post.ms, 'number')
    const all = JSON.stringify(lines)
    for (const secret of ['secret', 'demo-admin-key', 'password', '7025550142', '?']) {
      assert.ok(!all.includes(secret), `the log holds ${secret}: ${all}`)
    }
  })

  test('an unknown path logs no route, not the raw URL', async () => {
    lines.length = 0
    await t.app.inject({ url: '/nowhere/jane@example.com' })
    const [line] = requestLines()
    assert.deepEqual([line?.route, line?.status], [null, 404])
    assert.ok(!JSON.stringify(lines).includes('jane'))
  })
})
