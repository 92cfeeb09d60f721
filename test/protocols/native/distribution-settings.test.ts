import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { validateBuyer, validateContract } from '../../../src/core/config/validate-buyer.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

/** The settings issue 16 adds: buyer caps and budgets, contract acceptsTestLeads, source test. */
for (const kind of await dialectsUnderTest()) {
  describe(`native API: distribution settings [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())
    const call = (method: 'POST' | 'PATCH', url: string, payload: unknown) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: ADMIN, payload: payload as object })

    test('a buyer with caps and budgets across its contracts, a contract taking test leads, a test source', async () => {
      const buyer = await call('POST', '/buyers', {
        name: 'Capped buyer',
        settings: {
          timeZone: 'America/Chicago',
          caps: [
            { period: 'day', count: 40 },
            { period: 'month', spendCents: 500_000 },
          ],
        },
      })
      assert.equal(buyer.statusCode, 201, buyer.body)
      assert.deepEqual(buyer.json().settings.caps[1], { period: 'month', spendCents: 500_000 })
      const contract = await call('POST', `/buyers/${buyer.json().id}/contracts`, {
        name: 'Tests welcome',
        lid: 1,
        settings: { acceptsTestLeads: true },
        delivery: { url: 'https://buyer.example/leads' },
      })
      assert.equal(contract.statusCode, 201, contract.body)
      assert.equal(contract.json().settings.acceptsTestLeads, true)
      const source = await call('POST', '/sources', { vid: 77, name: 'QA source', settings: { test: true } })
      assert.equal(source.statusCode, 201, source.body)
      assert.equal(source.json().settings.test, true)
    })

    test('bad values are 400 LF_VALIDATION naming the key, and write nothing', async () => {
      const cases: Array<[string, unknown, RegExp]> = [
        ['/buyers', { name: 'B1', settings: { caps: [{ period: 'fortnight', count: 1 }] } }, /caps/],
        ['/buyers', { name: 'B2', settings: { caps: [{ period: 'day' }] } }, /count or spendCents/],
        ['/buyers', { name: 'B3', settings: { timeZone: 'Mars/Olympus' } }, /settings\.timeZone/],
        ['/buyers', { name: 'B4', settings: { caps: [{ period: 'day', count: -1 }] } }, /count/],
        ['/sources', { vid: 78, name: 'S', settings: { test: 'yes' } }, /settings\/test|settings\.test/],
      ]
      for (const [url, payload, pattern] of cases) {
        const res = await call('POST', url, payload)
        assert.equal(res.statusCode, 400, `${url} ${JSON.stringify(payload)}: ${res.body}`)
        assert.equal(res.json().error.code, 'LF_VALIDATION')
        assert.match(JSON.stringify(res.json().error), pattern)
      }
      const buyers = await t.lf.db.selectFrom('buyers').select('name').where('name', 'like', 'B_').execute()
      assert.deepEqual(buyers, [])
      const someBuyer = await t.lf.db.selectFrom('buyers').select('id').executeTakeFirstOrThrow()
      const bad = await call('POST', `/buyers/${someBuyer.id}/contracts`, {
        name: 'Bad flag',
        lid: 1,
        settings: { acceptsTestLeads: 'sure' },
      })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().error.code, 'LF_VALIDATION')
    })

    test('the core validators word the same problems for leadflow.yaml', () => {
      const buyer = validateBuyer({
        name: 'Y',
        settings: { caps: [{ period: 'week' }], timeZone: 'Nope/Zone' },
      })
      assert.equal(buyer.ok, false)
      const words = JSON.stringify(buyer)
      assert.match(words, /settings\.caps\[0\]/)
      assert.match(words, /needs count or spendCents/)
      assert.match(words, /unknown time zone .*Nope\/Zone/)
      const contract = validateContract({
        name: 'C',
        lid: 1,
        settings: { acceptsTestLeads: 1, autoPauseAfter: 0 },
      })
      assert.equal(contract.ok, false)
      assert.match(JSON.stringify(contract), /settings\.acceptsTestLeads/)
      assert.match(JSON.stringify(contract), /settings\.autoPauseAfter/)
    })
  })
}
