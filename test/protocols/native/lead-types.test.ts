import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { ADMIN, createTestApp, type TestApp } from '../../helpers/test-app.js'

const SOLAR = {
  lid: 5,
  vertical_id: 50,
  name: 'Solar',
  fields: [
    { name: 'Email', type: 'email', required: true },
    { name: 'Phone', type: 'phone', required: true, country: 'US' },
    { name: 'Roof', type: 'enum', allowed: ['shingle', 'tile', 'metal'] },
    { name: 'Bill', type: 'number', min: 0, max: 10000 },
  ],
  duplicate_rules: [{ fields: ['Email'], windowDays: 30 }],
  settings: { strategy: 'ping_post', pingTimeoutMs: 1500 },
}

for (const kind of await dialectsUnderTest()) {
  describe(`native API: lead types [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: ADMIN, ...(payload ? { payload } : {}) })

    test('the demo lead type is listed with its field schema', async () => {
      const res = await call('GET', '/lead-types/1')
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().name, 'Auto Insurance')
      assert.deepEqual(
        res.json().fields.find((f: { name: string }) => f.name === 'Email'),
        {
          name: 'Email',
          type: 'email',
          required: true,
        },
      )
      assert.equal(res.json().duplicate_rules.length, 2)
    })

    test('creates, updates and deletes a lead type', async () => {
      const created = await call('POST', '/lead-types', SOLAR)
      assert.equal(created.statusCode, 201)
      assert.equal(created.json().duplicate_rules[0].scope, 'all', 'scope defaults to all')
      assert.equal(created.json().fields[0].required, true)
      assert.equal(created.json().fields[2].required, false, 'required defaults to false')
      assert.equal((await call('POST', '/lead-types', SOLAR)).statusCode, 409)

      const patched = await call('PATCH', '/lead-types/5', { name: 'Solar Panels', status: 'disabled' })
      assert.equal(patched.statusCode, 200)
      assert.deepEqual(
        [patched.json().name, patched.json().status, patched.json().fields.length],
        ['Solar Panels', 'disabled', 4],
      )

      const listed = (await call('GET', '/lead-types')).json().items.map((x: { lid: number }) => x.lid)
      assert.deepEqual(listed, [1, 5])
      assert.equal((await call('DELETE', '/lead-types/5')).statusCode, 204)
      assert.equal((await call('DELETE', '/lead-types/5')).statusCode, 404)
    })

    test('vertical_id defaults to the lid', async () => {
      const { vertical_id: _, ...rest } = SOLAR
      const res = await call('POST', '/lead-types', { ...rest, lid: 6 })
      assert.equal(res.json().vertical_id, 6)
    })

    test('field schemas are validated with a path for each problem', async () => {
      const res = await call('POST', '/lead-types', {
        lid: 8,
        name: 'Broken',
        fields: [
          { name: 'Email', type: 'emial' },
          { name: 'email', type: 'text' },
          { name: 'Kind', type: 'enum' },
          { name: '1bad', type: 'text', requierd: true },
        ],
        duplicate_rules: [{ fields: ['Phone'], windowDays: 0, scope: 'everyone' }],
        settings: { strategy: 'auction' },
      })
      assert.equal(res.statusCode, 400)
      const paths = res.json().error.details.map((d: { path: string }) => d.path)
      assert.deepEqual(paths.sort(), [
        'duplicate_rules[0].fields[0]',
        'duplicate_rules[0].scope',
        'duplicate_rules[0].windowDays',
        'fields[0].type',
        'fields[1].name',
        'fields[2].allowed',
        'fields[3].name',
        'fields[3].requierd',
        'settings.strategy',
      ])
      assert.match(res.json().error.message, /fields\[0\]\.type: unknown field type "emial"/)
      assert.equal((await call('GET', '/lead-types/8')).statusCode, 404)
    })

    test('a lead type in use by contracts or campaigns cannot be deleted', async () => {
      const res = await call('DELETE', '/lead-types/1')
      assert.equal(res.statusCode, 409)
      assert.equal(res.json().error.code, 'LF_CONFLICT')
    })
  })
}
