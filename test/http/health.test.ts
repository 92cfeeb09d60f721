import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

for (const kind of await dialectsUnderTest()) {
  describe(`health [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    test('/healthz answers ok', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' })
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), { status: 'ok' })
    })

    test('/readyz reports the database and applied migrations', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/readyz' })
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), { status: 'ready', database: kind })
    })

    test('unknown routes answer the JSON error shape', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/nope' })
      assert.equal(res.statusCode, 404)
      assert.equal(res.json().error.code, 'LF_NOT_FOUND')
    })

    test('/docs serves the OpenAPI UI and /metrics the Prometheus text', async () => {
      const docs = await t.app.inject({ method: 'GET', url: '/docs/json' })
      assert.equal(docs.statusCode, 200)
      assert.equal(docs.json().info.title, 'leadflow API')
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' })
      assert.match(metrics.body, /leadflow_http_request_duration_seconds/)
    })
  })
}
