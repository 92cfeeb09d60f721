import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { verifyPassword } from '../../../src/core/secrets.js'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

for (const kind of await dialectsUnderTest()) {
  describe(`native API: sources and campaigns [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind, { config: { bodyLimit: 4096 } })
    })
    after(() => t.close())

    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: ADMIN, ...(payload ? { payload } : {}) })

    test('missing, malformed and unknown admin keys answer 401 before anything else', async () => {
      for (const authorization of [undefined, 'Basic abc', 'Bearer nope']) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/sources',
          headers: authorization ? { authorization } : {},
          payload: 'not json at all',
        })
        assert.equal(res.statusCode, 401)
        assert.equal(res.json().error.code, 'LF_UNAUTHORIZED')
      }
    })

    test('racing creates of one vid and one aid: exactly one 201, the others 409, nothing overwritten', async () => {
      const names = ['Race A', 'Race B', 'Race C', 'Race D', 'Race E', 'Race F']
      const sources = await Promise.all(names.map((name) => call('POST', '/sources', { vid: 77, name })))
      const statuses = sources.map((res) => res.statusCode).sort()
      assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409])
      for (const res of sources.filter((r) => r.statusCode === 409)) {
        assert.equal(res.json().error.code, 'LF_CONFLICT')
      }
      const winner = sources.find((res) => res.statusCode === 201)!.json()
      assert.equal((await call('GET', '/sources/77')).json().name, winner.name)

      const campaigns = await Promise.all(
        names.map((name) => call('POST', '/campaigns', { aid: 77, vid: 77, name })),
      )
      assert.deepEqual(campaigns.map((res) => res.statusCode).sort(), [201, 409, 409, 409, 409, 409])
      const campaign = campaigns.find((res) => res.statusCode === 201)!.json()
      assert.equal((await call('GET', '/campaigns/77')).json().name, campaign.name)
      assert.equal((await call('DELETE', '/campaigns/77')).statusCode, 204)
      assert.equal((await call('DELETE', '/sources/77')).statusCode, 204)
    })

    test('creates, reads, lists, updates and deletes a source; the password is never returned', async () => {
      const created = await call('POST', '/sources', {
        vid: 10,
        name: 'Acme Media',
        password: 's3cret',
        settings: { maxDeliveries: 2, caps: [{ period: 'day', count: 100 }] },
      })
      assert.equal(created.statusCode, 201)
      const body = created.json()
      assert.equal(body.vid, 10)
      assert.equal(body.status, 'active')
      assert.equal(body.has_password, true)
      assert.equal(body.require_token, false)
      assert.equal('password' in body || 'password_hash' in body, false)
      const row = await t.lf.db
        .selectFrom('sources')
        .select('password_hash')
        .where('vid', '=', 10)
        .executeTakeFirstOrThrow()
      assert.ok(row.password_hash && (await verifyPassword('s3cret', row.password_hash)))

      assert.equal((await call('GET', '/sources/10')).json().name, 'Acme Media')
      const list = (await call('GET', '/sources')).json().items.map((s: { vid: number }) => s.vid)
      assert.deepEqual(list, [1, 10])

      const patched = await call('PATCH', '/sources/10', {
        status: 'disabled',
        require_token: true,
        password: null,
      })
      assert.equal(patched.statusCode, 200)
      assert.deepEqual(
        [patched.json().status, patched.json().require_token, patched.json().has_password],
        ['disabled', true, false],
      )
      assert.equal(patched.json().settings.maxDeliveries, 2, 'keys not sent are kept')

      assert.equal((await call('DELETE', '/sources/10')).statusCode, 204)
      assert.equal((await call('GET', '/sources/10')).statusCode, 404)
    })

    test('NUL in a body value is stripped on every database', async () => {
      const created = await call('POST', '/sources', {
        vid: 77,
        name: 'Nul\u0000 Media',
        password: 'p\u0000w',
      })
      assert.equal(created.statusCode, 201, created.body)
      assert.equal(created.json().name, 'Nul Media')
      assert.equal((await call('DELETE', `/sources/${created.json().vid}`)).statusCode, 204)
    })

    test('unknown vids are 404, taken vids 409', async () => {
      for (const res of [
        await call('GET', '/sources/999'),
        await call('PATCH', '/sources/999', { name: 'x' }),
        await call('DELETE', '/sources/999'),
      ]) {
        assert.equal(res.statusCode, 404)
        assert.equal(res.json().error.code, 'LF_NOT_FOUND')
      }
      const taken = await call('POST', '/sources', { vid: 1, name: 'Again' })
      assert.equal(taken.statusCode, 409)
      assert.equal(taken.json().error.code, 'LF_CONFLICT')
    })

    test('bad bodies are 400 LF_VALIDATION with details, and write nothing', async () => {
      const cases: [object, RegExp][] = [
        [{ name: 'No vid' }, /vid/],
        [{ vid: 'abc', name: 'x' }, /vid/],
        [{ vid: 11, name: 'x', colour: 'red' }, /additional properties/],
        [{ vid: 11, name: 'x', status: 'sleeping' }, /status/],
        [
          { vid: 11, name: 'x', settings: { margin: { kind: 'percent', value: 150 } } },
          /settings\.margin\.value/,
        ],
        [
          { vid: 11, name: 'x', settings: { caps: [{ period: 'fortnight', count: 1 }] } },
          /settings\.caps\[0\]\.period/,
        ],
        [{ vid: 3_000_000_000, name: 'x' }, /vid/],
      ]
      for (const [payload, pattern] of cases) {
        const res = await call('POST', '/sources', payload)
        assert.equal(res.statusCode, 400, JSON.stringify(payload))
        assert.equal(res.json().error.code, 'LF_VALIDATION')
        assert.match(JSON.stringify(res.json().error), pattern)
      }
      assert.equal((await call('GET', '/sources/11')).statusCode, 404)
    })

    test('malformed JSON is 400, another content type 415, an oversized body 413', async () => {
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: { ...ADMIN, 'content-type': 'application/json' },
        payload: '{"vid": 12,',
      })
      assert.equal(malformed.statusCode, 400)
      assert.equal(malformed.json().error.code, 'LF_BAD_REQUEST')
      const form = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: { ...ADMIN, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'vid=12&name=Form',
      })
      assert.equal(form.statusCode, 415)
      assert.equal(form.json().error.code, 'LF_UNSUPPORTED_MEDIA_TYPE')
      const text = await t.app.inject({
        method: 'POST',
        url: '/api/v1/sources',
        headers: { ...ADMIN, 'content-type': 'text/plain' },
        payload: '{"vid": 12, "name": "Text"}',
      })
      assert.equal(text.statusCode, 415)
      const big = await call('POST', '/sources', {
        vid: 12,
        name: 'Big',
        settings: { pad: 'x'.repeat(5000) },
      })
      assert.equal(big.statusCode, 413)
      assert.equal(big.json().error.code, 'LF_PAYLOAD_TOO_LARGE')
    })

    test('a source with leads cannot be deleted', async () => {
      const source = await t.lf.db
        .selectFrom('sources')
        .select('id')
        .where('vid', '=', 1)
        .executeTakeFirstOrThrow()
      await t.lf.db
        .insertInto('leads')
        .values({
          post_id: 'c0ffee00-0000-4000-8000-000000000001',
          source_id: source.id,
          status: 'accepted',
          raw_json: '{}',
          fields_json: '{}',
          price_cents: 0,
          cost_cents: 0,
          is_test: 0,
          qc_rejected: 0,
          received_at: new Date().toISOString(),
        })
        .execute()
      const res = await call('DELETE', '/sources/1')
      assert.equal(res.statusCode, 409)
      assert.match(res.json().error.message, /in use/)
    })

    test('campaigns: create for a source and lead type, read, update, delete', async () => {
      await call('POST', '/sources', { vid: 20, name: 'Twenty' })
      const created = await call('POST', '/campaigns', { aid: 20, vid: 20, name: 'Twenty A', lid: 1 })
      assert.equal(created.statusCode, 201)
      assert.deepEqual([created.json().vid, created.json().lid, created.json().status], [20, 1, 'active'])
      const listed = await call('GET', '/campaigns?vid=20')
      assert.deepEqual(
        listed.json().items.map((c: { aid: number }) => c.aid),
        [20],
      )
      const moved = await call('PATCH', '/campaigns/20', { vid: 1, lid: null })
      assert.deepEqual([moved.json().vid, moved.json().lid], [1, null])
      assert.equal((await call('POST', '/campaigns', { aid: 20, vid: 20, name: 'Again' })).statusCode, 409)
      const badRef = await call('POST', '/campaigns', { aid: 21, vid: 20, name: 'Bad', lid: 404 })
      assert.equal(badRef.statusCode, 400)
      assert.deepEqual(badRef.json().error.details, [{ path: 'lid', message: 'no lead type with lid 404' }])
      const noSource = await call('POST', '/campaigns', { aid: 21, vid: 404, name: 'Bad' })
      assert.equal(noSource.json().error.details[0].path, 'vid')
      assert.equal((await call('DELETE', '/campaigns/20')).statusCode, 204)
      assert.equal((await call('GET', '/campaigns/20')).statusCode, 404)
    })

    test('deleting a source removes its campaigns and credentials', async () => {
      await call('POST', '/sources', { vid: 30, name: 'Thirty' })
      await call('POST', '/campaigns', { aid: 30, vid: 30, name: 'Thirty A' })
      const id = (await call('GET', '/sources/30')).json().id
      const key = await call('POST', '/credentials', { owner_kind: 'source', owner_id: id })
      assert.equal(key.statusCode, 201)
      assert.equal((await call('DELETE', '/sources/30')).statusCode, 204)
      assert.equal((await call('GET', '/campaigns/30')).statusCode, 404)
      assert.equal((await call('GET', `/credentials/${key.json().id}`)).statusCode, 404)
    })

    test('the routes appear in the OpenAPI document with the admin security', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json()
      const post = doc.paths['/api/v1/sources'].post
      assert.deepEqual(post.security, [{ admin: [] }, { session: [] }])
      assert.ok(doc.paths['/api/v1/leads/{id}'].get)
      assert.ok(doc.paths['/api/v1/buyers/{id}/contracts'].post)
    })
  })
}
