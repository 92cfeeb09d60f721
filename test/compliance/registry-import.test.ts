import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { registryNumber } from '../../src/core/suppression/registry-import.js'
import { dialectsUnderTest } from '../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../helpers/test-app.js'
import { FORM, formBody, person } from '../protocols/leadexec/leadexec-fixtures.js'

test('registry lines become the E.164 numbers intake stores; anything else is skipped', () => {
  assert.equal(registryNumber('2025550123'), '+12025550123')
  assert.equal(registryNumber('202,5550123'), '+12025550123')
  assert.equal(registryNumber('12025550123'), '+12025550123')
  assert.equal(registryNumber('"202-555-0123"'), '+12025550123')
  assert.equal(registryNumber('AreaCode,PhoneNumber'), undefined)
  assert.equal(registryNumber('1025550123'), undefined, 'no area code starts with 0 or 1')
  assert.equal(registryNumber('20255501'), undefined)
})

for (const kind of await dialectsUnderTest()) {
  describe(`National DNC registry import [${kind}]`, () => {
    let t: TestApp
    let listId: number
    before(async () => {
      t = await createTestApp(kind)
      const list = await t.app.inject({
        method: 'POST',
        url: '/api/v1/suppression-lists',
        headers: ADMIN,
        payload: { name: 'National DNC 202', kind: 'phone' },
      })
      listId = list.json().id
    })
    after(() => t.close())

    // 12,000 numbers: more than two import batches, so batching and the counts are exercised.
    const file = [
      'AreaCode,PhoneNumber',
      ...Array.from({ length: 12_000 }, (_, i) => `202${String(2000000 + i)}`),
      '',
    ]
    const upload = (body: string, id = listId) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/suppression-lists/${id}/registry-import`,
        headers: { ...ADMIN, 'content-type': 'text/plain' },
        payload: body,
      })

    test('streams a file into the list in batches, counts, and a re-import adds nothing', async () => {
      const first = await upload(file.join('\n'))
      assert.equal(first.statusCode, 200, first.body)
      assert.deepEqual(first.json(), {
        lines: 12_001,
        numbers: 12_000,
        added: 12_000,
        already_listed: 0,
        invalid: 1,
      })
      const again = await upload(file.join('\r\n'))
      assert.deepEqual(again.json(), {
        lines: 12_001,
        numbers: 12_000,
        added: 0,
        already_listed: 12_000,
        invalid: 1,
      })
      const list = await t.app.inject({
        method: 'GET',
        url: `/api/v1/suppression-lists/${listId}`,
        headers: ADMIN,
      })
      assert.equal(list.json().entries, 12_000)
      const audit = await t.lf.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'suppression_list.registry_import')
        .execute()
      assert.equal(audit.length, 2)
    })

    test('a listed number is refused at intake like any suppression entry', async () => {
      const answer = await t.app.inject({
        method: 'POST',
        url: '/processor/insert/general/json',
        headers: FORM,
        payload: formBody({ ...person(), Phone: '(202) 200-0042' }),
      })
      assert.equal(answer.json().ResponseType, 5)
      assert.match(answer.json().ResponseDetails, /"National DNC 202"/)
    })

    test('only phone lists take a registry file; an unknown list is 404', async () => {
      const emails = await t.app.inject({
        method: 'POST',
        url: '/api/v1/suppression-lists',
        headers: ADMIN,
        payload: { name: 'Emails', kind: 'email' },
      })
      assert.equal((await upload('2025550123\n', emails.json().id)).statusCode, 400)
      assert.equal((await upload('2025550123\n', 999_999)).statusCode, 404)
    })
  })
}
