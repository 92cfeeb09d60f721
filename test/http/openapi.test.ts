import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createTestApp, type TestApp } from '../helpers/test-app.js'

// The document is built from route schemas, not from storage: SQLite alone is enough.
describe('the OpenAPI document at /docs (issue 18)', () => {
  let t: TestApp
  let paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>>
  before(async () => {
    t = await createTestApp('sqlite')
    paths = (await t.app.inject({ url: '/docs/json' })).json().paths
  })
  after(() => t.close())

  test('every operation has a tag: no untagged "default" group', () => {
    const untagged = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.tags?.length)
        .map(([method]) => `${method} ${path}`),
    )
    assert.deepEqual(untagged, [])
  })

  test('the vendor routes are listed under their protocol, with their answers', () => {
    const expected: Record<string, [string, string]> = {
      '/processor/insert/general/{response_type}': ['post', 'LeadExec'],
      '/processor/insert/returnsends/{response_type}/async': ['post', 'LeadExec'],
      '/processor/update/{response_type}': ['post', 'LeadExec'],
      '/processor/duplicate/check': ['post', 'LeadExec'],
      '/processor/insert/ping/{response_type}': ['post', 'LeadExec'],
      '/information/queuestatus/{PostID}': ['get', 'LeadExec'],
      '/information/status': ['get', 'LeadExec'],
      '/lead/add': ['post', 'Comunik8'],
      '/lead/cancel': ['post', 'Comunik8'],
      '/feedback': ['post', 'LeadConduit'],
      '/api/2/track.asmx': ['get', 'CAKE'],
    }
    for (const [path, [method, tag]] of Object.entries(expected)) {
      const op = paths[path]?.[method]
      assert.ok(op, `${method} ${path} is missing`)
      assert.deepEqual(op.tags, [tag], path)
      assert.ok(op.responses?.['200'], `${path} documents its answer`)
    }
    const post = paths['/processor/insert/general/{response_type}']!.post as any
    assert.ok(post.responses['200'].content['application/json'].schema.properties.LeadIdentifier)
    assert.deepEqual(Object.keys(post.requestBody.content).sort(), [
      'application/json',
      'application/x-www-form-urlencoded',
      'application/xml',
    ])
    const add = paths['/lead/add']!.post as any
    assert.ok(add.requestBody.content['application/json'].schema.properties.mobile)
  })

  test('documenting a route changes none of its answers: the decoders still judge the body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/processor/insert/general/json',
      headers: { 'content-type': 'application/json' },
      payload: '{"source":{"vid":"not a number"},"leads":[]}',
    })
    assert.equal(res.json().isValidPost, false)
    const added = await t.app.inject({
      method: 'POST',
      url: '/lead/add?key=demo-dialler-key',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    })
    assert.equal(added.statusCode, 400)
    assert.deepEqual(added.json().email, { '0': 'Email cannot be blank.' })
  })
})
