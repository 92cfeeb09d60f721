import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../helpers/databases.js'
import { createTestApp, type TestApp } from '../helpers/test-app.js'
import { FORM, formBody, person } from './leadexec/leadexec-fixtures.js'
import { addSource } from './leadexec/leadexec-world.js'
import { scriptedDistributor } from './leadexec/scripted-distributor.js'

/**
 * Idempotency-Key (issue #11; src/protocols/idempotency-key.ts): a retry with the same key and
 * body gets the first answer byte for byte and never a second lead; another body under the key is
 * a 409 in the protocol's shape; keys are scoped per credential.
 */
for (const kind of await dialectsUnderTest()) {
  describe(`Idempotency-Key [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      t.services.intake.distributor = scriptedDistributor().distributor
      await addSource(t.lf, 50)
    })
    after(() => t.close())

    const insert = (
      key: string,
      payload: string,
      url = '/processor/insert/general/json',
      headers: Record<string, string> = FORM,
    ) => t.app.inject({ method: 'POST', url, headers: { ...headers, 'idempotency-key': key }, payload })
    const leadsWith = async (email: string) =>
      (await t.lf.db.selectFrom('leads').select(['id', 'fields_json']).execute()).filter((r) =>
        r.fields_json.includes(email),
      ).length

    test('LeadExec sync: the retry gets the same bytes, one lead', async () => {
      const fields = person()
      const body = formBody(fields)
      const first = await insert('k-sync-1', body)
      assert.equal(first.json().ResponseType, 0)
      const again = await insert('k-sync-1', body)
      assert.equal(again.statusCode, first.statusCode)
      assert.equal(again.body, first.body, 'byte for byte')
      assert.equal(again.headers['content-type'], first.headers['content-type'])
      assert.equal(again.headers['idempotent-replayed'], 'true')
      assert.equal(await leadsWith(fields.Email), 1, 'never a second lead (not even a Duplicate_Lead row)')
    })

    test('LeadExec async: the retry gets the same PostID, one queued lead', async () => {
      const fields = person()
      const body = formBody(fields)
      const url = '/processor/insert/general/json/async'
      const first = await insert('k-async-1', body, url)
      assert.equal(first.json().QueueSuccessful, true)
      const again = await insert('k-async-1', body, url)
      assert.equal(again.body, first.body)
      await t.lf.worker.drain()
      assert.equal(await leadsWith(fields.Email), 1)
    })

    test('20 concurrent requests with one key: one runs, the others replay it or are told it is in progress', async () => {
      const fields = person()
      const body = formBody(fields)
      const answers = await Promise.all(Array.from({ length: 20 }, () => insert('k-race', body)))
      for (const a of answers) assert.ok(a.statusCode === 200 || a.statusCode === 409, a.body)
      const ok = answers.filter((a) => a.statusCode === 200)
      assert.ok(ok.length >= 1)
      assert.ok(
        ok.every((a) => a.body === ok[0]!.body),
        'every 200 is the one stored answer',
      )
      assert.equal(await leadsWith(fields.Email), 1)
      const busy = answers.find((a) => a.statusCode === 409)
      if (busy) assert.equal(busy.json().isValidPost, false, 'a 409 in the PostResponse shape')
    })

    test('same key, different body: 409 in the PostResponse shape, nothing stored', async () => {
      await insert('k-mismatch', formBody(person()))
      const other = person()
      const res = await insert('k-mismatch', formBody(other))
      assert.equal(res.statusCode, 409)
      const answer = res.json()
      assert.equal(answer.isValidPost, false)
      assert.match(answer.ResponseDetails, /Idempotency-Key was already used with a different request/)
      assert.equal(await leadsWith(other.Email), 0)
    })

    test('keys are scoped per credential: another source may use the same key', async () => {
      const mine = person()
      const theirs = person()
      assert.equal((await insert('k-shared', formBody(mine))).json().ResponseType, 0)
      const res = await insert('k-shared', formBody(theirs, 'vid=50&lid=1&password=pw'), undefined, {
        'content-type': 'application/x-www-form-urlencoded',
      })
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().ResponseType, 0)
      assert.equal(res.headers['idempotent-replayed'], undefined)
    })

    test('an expired key is pruned and may be used again', async () => {
      await insert('k-expire', formBody(person()))
      const future = new Date(Date.now() + 25 * 3_600_000)
      assert.ok((await t.services.idempotency.prune(future)) >= 1)
      const rows = await t.lf.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('key', '=', 'k-expire')
        .execute()
      assert.equal(rows.length, 0)
    })

    test('LeadConduit /feedback: the retry replays the first answer', async () => {
      const send = () =>
        t.app.inject({
          method: 'POST',
          url: '/feedback?event_id=ffffffffffffffffffffffff',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': 'fb-1',
            authorization: 'Basic eDp5',
          },
          payload: JSON.stringify({ type: 'return', reason: 'bad' }),
        })
      const first = await send()
      const again = await send()
      assert.equal(again.statusCode, first.statusCode)
      assert.equal(again.body, first.body)
      assert.equal(again.headers['idempotent-replayed'], 'true')
    })
  })
}
