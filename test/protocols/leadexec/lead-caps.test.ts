import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { loadConfig } from '../../../src/config.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'

// docs/security.md: a lead past LEADFLOW_MAX_LEAD_FIELDS / LEADFLOW_MAX_LEAD_BYTES is refused as
// Data_Errors before it is parsed, and stored without its fields.
for (const kind of await dialectsUnderTest()) {
  describe(`lead caps [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      // Small caps so the test sends little; every other security setting at its default.
      const security = { ...loadConfig({}, {}).security, maxLeadFields: 12, maxLeadBytes: 2048 }
      t = await createTestApp(kind, { config: { security } })
    })
    after(() => t.close())

    const person = {
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Email: 'ada.caps@example.com',
      Phone: '7025550142',
      Zip: '89101',
      State: 'NV',
    }
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          vid: '1',
          lid: '1',
          aid: '1',
          password: 'demo',
          ...fields,
        }).toString(),
      })

    test('a lead within the caps is taken', async () => {
      const answer = (await post(person)).json()
      assert.equal(answer.ResponseType, 0, JSON.stringify(answer))
    })

    test('too many fields: Data_Errors naming the cap, stored without its fields', async () => {
      const extra = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`Extra${i}`, 'x']))
      const answer = (await post({ ...person, Email: 'many.fields@example.com', ...extra })).json()
      assert.equal(answer.ResponseType, 9)
      assert.match(answer.Message ?? JSON.stringify(answer), /at most 12 are accepted/)
      const row = await t.lf.db
        .selectFrom('leads')
        .select(['status', 'raw_json', 'fields_json'])
        .where('post_id', '=', answer.PostID)
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'rejected')
      assert.doesNotMatch(`${row.raw_json}${row.fields_json}`, /Extra1|many\.fields/)
    })

    test('too many bytes: Data_Errors naming the cap', async () => {
      const answer = (await post({ ...person, Comments: 'y'.repeat(4000) })).json()
      assert.equal(answer.ResponseType, 9)
      assert.match(JSON.stringify(answer), /at most 2048 are accepted/)
    })
  })
}
