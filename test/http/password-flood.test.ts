import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { passwordFlood } from '../helpers/password-flood.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

for (const kind of await dialectsUnderTest()) {
  describe(`wrong-password flood [${kind}]`, () => {
    let t: TestApp
    let base: string
    before(async () => {
      t = await createTestApp(kind)
      await t.app.listen({ port: 0, host: '127.0.0.1' })
      base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
    })
    after(() => t.close())

    test('200 wrong passwords, 20 at a time: all refused with one answer, /healthz keeps answering', async () => {
      const result = await passwordFlood(base, 200, 20)
      const { idle, flood, failures } = result.healthz
      // Printed, not asserted: the threshold lives in the bench (bench/password-flood.ts).
      console.log(
        `[${kind}] /healthz idle median ${idle.medianMs} ms p95 ${idle.p95Ms} ms; under the flood median ${flood.medianMs} ms p95 ${flood.p95Ms} ms (${flood.samples} samples)`,
      )
      assert.deepEqual(result.statuses, { 200: 200 }, 'every post answered, as a LeadExec PostResponse')
      assert.deepEqual(result.details, ['The source credentials are not valid'])
      assert.equal(failures, 0, '/healthz answered 200 throughout')
      assert.ok(flood.samples > 0)
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'vid=999&lid=1&aid=1&password=whatever',
      })
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'vid=1&lid=1&aid=1&password=whatever',
      })
      const answer = (r: typeof wrong) => {
        const { PostID: _id, ...rest } = r.json()
        return rest
      }
      assert.deepEqual(answer(unknown), answer(wrong), 'an unknown vid and a wrong password answer alike')
    })
  })
}
