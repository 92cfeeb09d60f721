import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'
import { ADD_DELAYED, ADD_TEST, CANCEL, CURL_HEADERS, EXAMPLE_EMAIL, KEY } from './examples.js'

const NOW = new Date('2026-11-23T12:00:00.000Z') // a Monday, inside the demo's calling hours
const clock = { now: () => NOW }

function lead(overrides: Record<string, unknown> = {}) {
  return {
    first_name: 'John',
    surname: 'Doe',
    mobile: '07840258823',
    email: EXAMPLE_EMAIL,
    type: 'motor-trade',
    subtype: 'valeter',
    ...overrides,
  }
}

for (const kind of await dialectsUnderTest()) {
  describe(`Comunik8 Leads API [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind, { clock })
    })
    after(() => t.close())

    const post = (path: string, payload: unknown, key = KEY) =>
      t.app.inject({
        method: 'POST',
        url: `${path}?key=${key}`,
        headers: CURL_HEADERS,
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      })
    const count = async (table: 'leads' | 'calls' | 'dialler_contacts') =>
      Number(
        (await t.lf.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
      )
    const callsFor = (mobile: string) =>
      t.lf.db.selectFrom('calls').selectAll().where('contact_key', '=', mobile).orderBy('id').execute()
    const campaignId = async () =>
      (
        await t.lf.db
          .selectFrom('dialler_campaigns')
          .select('id')
          .where('type', '=', 'motor-trade')
          .executeTakeFirstOrThrow()
      ).id
    const take = async () =>
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/dialler/campaigns/${await campaignId()}/take`,
          headers: { authorization: `Bearer ${KEY}` },
          payload: {},
        })
      ).json().call

    test('example "Successful Submission of lead (delayed dial out by 10 minutes)"', async () => {
      const res = await post('/lead/add', ADD_DELAYED)
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), { saved: true, processed: true })
      const [call] = await callsFor('+447840258823')
      assert.equal(call.status, 'scheduled')
      assert.equal(call.due_at, new Date(NOW.getTime() + 600_000).toISOString())
      assert.deepEqual(JSON.parse(call.data_json ?? ''), {
        vehicle_make: 'Ford',
        addresss: '123 Greenacre Road',
      })
      assert.equal(call.email, EXAMPLE_EMAIL)
      const saved = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .where('id', '=', call.lead_id)
        .executeTakeFirstOrThrow()
      assert.equal(saved.status, 'accepted')
    })

    test('example "Correct format lead test": { "test": "ok" } and nothing saved', async () => {
      const before = [await count('leads'), await count('calls'), await count('dialler_contacts')]
      const res = await post('/lead/add', ADD_TEST)
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), { test: 'ok' })
      assert.deepEqual([await count('leads'), await count('calls'), await count('dialler_contacts')], before)
    })

    test('fail state "Call already scheduled"', async () => {
      const res = await post('/lead/add', ADD_DELAYED)
      assert.deepEqual(res.json(), {
        saved: true,
        processed: false,
        error: 'Another call is already scheduled',
      })
      assert.equal((await callsFor('+447840258823')).filter((c) => c.status === 'scheduled').length, 1)
    })

    test('example "DELETING LEADS": { "cancelled": true }, and the call is never handed out', async () => {
      const res = await post('/lead/cancel', CANCEL)
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), { cancelled: true })
      const [call] = await callsFor('+447840258823')
      assert.equal(call.status, 'cancelled')
      const later = new Date(NOW.getTime() + 3_600_000)
      const row = await t.lf.db
        .selectFrom('calls')
        .select('status')
        .where('id', '=', call.id)
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'cancelled')
      clock.now = () => later
      try {
        assert.equal(await take(), null)
      } finally {
        clock.now = () => NOW
      }
    })

    test('a cancelled lead may be added again and is processed', async () => {
      const res = await post('/lead/add', lead({ delays: 0 }))
      assert.deepEqual(res.json(), { saved: true, processed: true })
    })

    test('fail state "Lead has already been dialed": "already processed"', async () => {
      const call = await take()
      assert.equal(call.mobile, '+447840258823')
      const res = await post('/lead/cancel', CANCEL)
      assert.deepEqual(res.json(), { cancelled: false, warning: 'already processed' })
    })

    test('fail state "Lead already exists": "Existing Contact" after the call was made', async () => {
      const [, second] = await callsFor('+447840258823')
      const done = await t.app.inject({
        method: 'POST',
        url: `/api/v1/dialler/calls/${second.id}/result`,
        headers: ADMIN,
        payload: { result: 'answered' },
      })
      assert.equal(done.json().call.status, 'done')
      const res = await post('/lead/add', lead())
      assert.deepEqual(res.json(), { saved: true, processed: false, error: 'Existing Contact' })
      const saved = await t.lf.db
        .selectFrom('leads')
        .selectAll()
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      assert.equal(saved.status, 'rejected')
      assert.equal(saved.rejection_reason, 'existing_contact')
    })

    test('fail state "Type is incorrect": "Unknown Type", saved but not processed', async () => {
      const before = await count('leads')
      const res = await post('/lead/add', lead({ mobile: '07840258824', type: 'no-such-type' }))
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), { saved: true, processed: false, error: 'Unknown Type' })
      assert.equal(await count('leads'), before + 1)
    })

    test('fail state "Missing required field": { "email": { "0": "Email cannot be blank." } }', async () => {
      const { email: _, ...noEmail } = lead()
      const res = await post('/lead/add', noEmail)
      assert.equal(res.statusCode, 400)
      assert.deepEqual(res.json(), { email: { 0: 'Email cannot be blank.' } })
    })

    test("every missing required field is listed, in the document's field order", async () => {
      const res = await post('/lead/add', {})
      assert.equal(res.statusCode, 400)
      assert.deepEqual(res.json(), {
        email: { 0: 'Email cannot be blank.' },
        first_name: { 0: 'First Name cannot be blank.' },
        surname: { 0: 'Surname cannot be blank.' },
        mobile: { 0: 'Mobile cannot be blank.' },
        type: { 0: 'Type cannot be blank.' },
      })
    })

    test('fail state "Data field is malformed or empty"', async () => {
      const expected = { data: { 0: 'Empty or invalid content of `data` field' } }
      for (const data of ['{"vehicle_make":', '', '42', '["Ford"]']) {
        const res = await post('/lead/add', lead({ data }))
        assert.equal(res.statusCode, 400, data)
        assert.deepEqual(res.json(), expected)
      }
    })

    test('invalid e-mail, phones, delays and test flag get per-field messages', async () => {
      const res = await post(
        '/lead/add',
        lead({
          email: '[email protected]',
          mobile: '0123',
          other_phone: 'abc',
          delays: 'soon',
          test: 'maybe',
        }),
      )
      assert.equal(res.statusCode, 400)
      assert.deepEqual(res.json(), {
        email: { 0: 'Email is not a valid email address.' },
        mobile: { 0: 'Mobile is not a valid phone number.' },
        other_phone: { 0: 'Other Phone is not a valid phone number.' },
        delays: { 0: 'Delays must be a number.' },
        test: { 0: 'Test must be either "true" or "false".' },
      })
      const negative = await post('/lead/add', lead({ delays: -5 }))
      assert.deepEqual(negative.json(), { delays: { 0: 'Delays must be no less than 0.' } })
    })

    test('a test lead with invalid data gets the validation answer, not "ok"', async () => {
      const res = await post('/lead/add', lead({ email: '', test: true }))
      assert.equal(res.statusCode, 400)
      assert.deepEqual(res.json(), { email: { 0: 'Email cannot be blank.' } })
    })

    test('fail state "Lead is not found": "not found"', async () => {
      const res = await post('/lead/cancel', { mobile: '07840258825', type: 'motor-trade' })
      assert.deepEqual(res.json(), { cancelled: false, warning: 'not found' })
    })

    test('fail state "Type doesn\'t exist": "server error (call group)"', async () => {
      const res = await post('/lead/cancel', { mobile: '07840258823', type: 'no-such-type' })
      assert.deepEqual(res.json(), { cancelled: false, warning: 'server error (call group)' })
    })

    test('cancel validates type and mobile with per-field messages', async () => {
      const res = await post('/lead/cancel', { mobile: 'x' })
      assert.equal(res.statusCode, 400)
      assert.deepEqual(res.json(), {
        mobile: { 0: 'Mobile is not a valid phone number.' },
        type: { 0: 'Type cannot be blank.' },
      })
    })

    test('an unknown or missing key is a 401 JSON error and writes nothing', async () => {
      const before = await count('leads')
      for (const url of ['/lead/add?key=wrong', '/lead/add', '/lead/cancel?key=demo-admin-key']) {
        const res = await t.app.inject({ method: 'POST', url, headers: CURL_HEADERS, payload: ADD_DELAYED })
        assert.equal(res.statusCode, 401, url)
        assert.equal(res.json().error.code, 'LF_UNAUTHORIZED')
      }
      assert.equal(await count('leads'), before)
    })

    test('malformed JSON, a non-object body, a wrong content type and an oversized body are 4xx JSON', async () => {
      const bad = await post('/lead/add', '{"first_name": "John", ')
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().error.code, 'LF_BAD_REQUEST')
      const array = await post('/lead/add', '[1, 2]')
      assert.equal(array.statusCode, 400)
      assert.equal(array.json().error.code, 'LF_BAD_REQUEST')
      const form = await t.app.inject({
        method: 'POST',
        url: `/lead/add?key=${KEY}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'first_name=John',
      })
      assert.equal(form.statusCode, 415)
      assert.equal(form.json().error.code, 'LF_UNSUPPORTED_MEDIA_TYPE')
      // text/plain too, on both routes (issue 18: Fastify's default text parser answered 400)
      for (const route of ['/lead/add', '/lead/cancel']) {
        const text = await t.app.inject({
          method: 'POST',
          url: `${route}?key=${KEY}`,
          headers: { 'content-type': 'text/plain' },
          payload: ADD_DELAYED,
        })
        assert.equal(text.statusCode, 415, route)
        assert.equal(text.json().error.code, 'LF_UNSUPPORTED_MEDIA_TYPE', route)
      }
      const huge = await post(
        '/lead/add',
        lead({ data: JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }) }),
      )
      assert.equal(huge.statusCode, 413)
      assert.equal(huge.json().error.code, 'LF_PAYLOAD_TOO_LARGE')
    })

    test('NUL in any value is stripped on every database before the lead is saved', async () => {
      const res = await post('/lead/add', lead({ mobile: '07840258829', first_name: 'Jo\u0000hn' }))
      assert.deepEqual(res.json(), { saved: true, processed: true })
      const [call] = await callsFor('+447840258829')
      assert.equal(call.first_name, 'John')
    })

    test('ten simultaneous adds of one contact schedule exactly one call', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () => post('/lead/add', lead({ mobile: '07840258826', delays: 60 }))),
      )
      const bodies = results.map((r) => r.json())
      assert.equal(bodies.filter((b) => b.processed === true).length, 1)
      const others = bodies.filter((b) => b.processed === false).map((b) => b.error)
      assert.ok(
        others.every((e) => e === 'Another call is already scheduled'),
        JSON.stringify(others),
      )
      assert.equal((await callsFor('+447840258826')).length, 1)
    })

    test("a database failure answers the document's 500 shapes and leaves no half-written lead", async () => {
      const before = await count('leads')
      await sql`alter table calls rename to calls_away`.execute(t.lf.db)
      try {
        const add = await post('/lead/add', lead({ mobile: '07840258827' }))
        assert.equal(add.statusCode, 500)
        assert.deepEqual(add.json(), { saved: false, processed: false, error: 'server error (save)' })
        const cancel = await post('/lead/cancel', CANCEL)
        assert.equal(cancel.statusCode, 500)
        assert.deepEqual(cancel.json(), { cancelled: false, warning: 'server error (save)' })
      } finally {
        await sql`alter table calls_away rename to calls`.execute(t.lf.db)
      }
      assert.equal(await count('leads'), before)
    })
  })
}
