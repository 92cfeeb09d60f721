import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

for (const kind of await dialectsUnderTest()) {
  describe(`native API: credentials [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers = ADMIN) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) })

    test('a generated admin key is shown once, works, lists by prefix only, and is revoked', async () => {
      const created = await call('POST', '/credentials', {
        owner_kind: 'admin',
        label: 'ops laptop',
        permissions: ['config:read'],
      })
      assert.equal(created.statusCode, 201)
      const { id, secret, prefix } = created.json()
      assert.match(secret, /^lfa_[A-Za-z0-9_-]{32}$/)
      assert.equal(prefix, secret.slice(0, 6))
      const asNewKey = { authorization: `Bearer ${secret}` }
      assert.equal((await call('GET', '/sources', undefined, asNewKey)).statusCode, 200)
      // Its permissions are enforced: reading configuration is not writing it.
      const write = await call('POST', '/buyers', { name: 'Nope' }, asNewKey)
      assert.equal(write.statusCode, 403)
      assert.equal(write.json().error.code, 'LF_FORBIDDEN')

      const listed = await call('GET', '/credentials?owner_kind=admin')
      assert.equal(listed.statusCode, 200)
      assert.ok(!listed.body.includes(secret), 'the secret is never listed')
      const mine = listed.json().items.find((c: { id: number }) => c.id === id)
      assert.deepEqual([mine.label, mine.active, mine.kind], ['ops laptop', true, 'bearer'])
      assert.equal('secret' in mine, false)

      assert.equal((await call('DELETE', `/credentials/${id}`)).statusCode, 204)
      assert.equal((await call('DELETE', `/credentials/${id}`)).statusCode, 204, 'revoking is idempotent')
      const after = await call('GET', '/sources', undefined, asNewKey)
      assert.equal(after.statusCode, 401)
      assert.match(after.json().error.message, /revoked/)
      assert.equal((await call('GET', `/credentials/${id}`)).json().active, false)
    })

    test('a caller-chosen secret with expiry for a source', async () => {
      const source = (await call('GET', '/sources/1')).json()
      const expires = new Date(Date.now() + 86_400_000).toISOString()
      const res = await call('POST', '/credentials', {
        owner_kind: 'source',
        owner_id: source.id,
        kind: 'api_key',
        secret: 'source-chosen-secret',
        expires_at: expires,
      })
      assert.equal(res.statusCode, 201)
      assert.equal(res.json().secret, 'source-chosen-secret')
      assert.equal(res.json().expires_at, expires)
      const again = await call('POST', '/credentials', { owner_kind: 'cake', secret: 'source-chosen-secret' })
      assert.equal(again.statusCode, 409, 'a secret already held by someone is refused')
      const listed = await call('GET', `/credentials?owner_kind=source&owner_id=${source.id}`)
      assert.ok(listed.json().items.some((c: { prefix: string }) => c.prefix === 'source'))
    })

    test('bad credential bodies are 400 with details', async () => {
      const cases: object[] = [
        {},
        { owner_kind: 'wizard' },
        { owner_kind: 'source' },
        { owner_kind: 'buyer', owner_id: 9999 },
        { owner_kind: 'admin', owner_id: 3 },
        { owner_kind: 'admin', secret: 'short' },
        { owner_kind: 'admin', expires_at: 'tomorrow' },
        { owner_kind: 'admin', expires_at: '2000-01-01T00:00:00Z' },
      ]
      for (const payload of cases) {
        const res = await call('POST', '/credentials', payload)
        assert.equal(res.statusCode, 400, JSON.stringify(payload))
        assert.equal(res.json().error.code, 'LF_VALIDATION')
      }
    })

    test('the last active admin key cannot be revoked; unknown ids are 404', async () => {
      const admins = (await call('GET', '/credentials?owner_kind=admin')).json().items
      const active = admins.filter((c: { active: boolean }) => c.active)
      assert.equal(active.length, 1)
      const res = await call('DELETE', `/credentials/${active[0].id}`)
      assert.equal(res.statusCode, 409)
      assert.equal((await call('DELETE', '/credentials/99999')).statusCode, 404)
      assert.equal((await call('GET', '/credentials/99999')).statusCode, 404)
    })
  })
}
