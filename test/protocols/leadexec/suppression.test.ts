import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'
import { FORM, formBody, person } from './leadexec-fixtures.js'

for (const kind of await dialectsUnderTest()) {
  describe(`suppression lists [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const api = (
      method: 'GET' | 'POST' | 'DELETE',
      url: string,
      payload?: unknown,
      headers: Record<string, string> = {},
    ) =>
      t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { ...ADMIN, ...headers },
        ...(payload === undefined
          ? {}
          : typeof payload === 'string'
            ? { payload }
            : { payload: payload as object }),
      })

    const postLead = async (fields: Record<string, string>) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/processor/insert/general/json',
          headers: FORM,
          payload: formBody(fields),
        })
      ).json()

    test('admin auth is required', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/suppression-lists' })
      assert.equal(res.statusCode, 401)
    })

    test('a global email list refuses a listed lead with Outside_Criteria naming the list', async () => {
      const created = await api('POST', '/suppression-lists', { name: 'Do not contact', kind: 'email' })
      assert.equal(created.statusCode, 201, created.body)
      const list = created.json()
      assert.equal(list.entries, 0)
      const lead = person()
      const added = await api('POST', `/suppression-lists/${list.id}/entries`, {
        values: [lead.Email.toUpperCase(), 'nope'],
      })
      assert.deepEqual(added.json(), { added: 1, alreadyListed: 0, invalid: ['nope'] })
      const answer = await postLead(lead)
      assert.equal(answer.ResponseType, 5)
      assert.match(answer.ResponseDetails, /"Do not contact"/)
      assert.match(answer.ResponseDetails, /Email/)
      const removed = await api('DELETE', `/suppression-lists/${list.id}/entries`, { values: [lead.Email] })
      assert.equal(removed.json().removed, 1)
      assert.equal((await postLead(lead)).ResponseType, 0)
    })

    test('a phone list for one lead type, bulk-loaded from CSV, matches any phone spelling', async () => {
      const list = (
        await api('POST', '/suppression-lists', { name: 'Auto DNC', kind: 'phone', lid: 1 })
      ).json()
      assert.equal(list.lid, 1)
      const lead = person()
      const digits = lead.Phone
      const csv = `phone,note\n(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)},x\n7025550000\n`
      const loaded = await api('POST', `/suppression-lists/${list.id}/entries`, csv, {
        'content-type': 'text/csv',
      })
      assert.equal(loaded.statusCode, 200, loaded.body)
      assert.equal(loaded.json().added, 2)
      assert.deepEqual(loaded.json().invalid, ['phone'])
      const again = await api('POST', `/suppression-lists/${list.id}/entries`, digits, {
        'content-type': 'text/plain',
      })
      assert.equal(again.json().alreadyListed, 1)
      const answer = await postLead({ ...lead, Phone: `+1 ${digits}` })
      assert.equal(answer.ResponseType, 5)
      assert.match(answer.ResponseDetails, /Auto DNC/)
      const shown = (await api('GET', `/suppression-lists/${list.id}`)).json()
      assert.equal(shown.entries, 2)
    })

    test('clear refusals: unknown list, bad kind, unknown lid, duplicate name, bad body', async () => {
      assert.equal((await api('GET', '/suppression-lists/9999')).statusCode, 404)
      assert.equal((await api('POST', '/suppression-lists', { name: 'x', kind: 'fax' })).statusCode, 400)
      assert.equal(
        (await api('POST', '/suppression-lists', { name: 'y', kind: 'ip', lid: 42 })).statusCode,
        400,
      )
      await api('POST', '/suppression-lists', { name: 'twice', kind: 'ip' })
      assert.equal((await api('POST', '/suppression-lists', { name: 'twice', kind: 'ip' })).statusCode, 409)
      const list = (await api('GET', '/suppression-lists')).json().lists[0]
      assert.equal(
        (await api('POST', `/suppression-lists/${list.id}/entries`, { values: 'x' })).statusCode,
        400,
      )
      assert.equal((await api('DELETE', `/suppression-lists/${list.id}`)).statusCode, 204)
    })
  })
}
