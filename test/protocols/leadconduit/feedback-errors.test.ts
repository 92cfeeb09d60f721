import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { sellDemoLead } from '../../helpers/sales-fixture.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'

const BAD_BODIES: Array<[string, string, string, number]> = [
  ['malformed XML', 'text/xml', '<feedback><type>return</feedback>', 400],
  [
    'a DOCTYPE with an entity',
    'text/xml',
    '<?xml version="1.0"?><!DOCTYPE feedback [<!ENTITY x "return">]><feedback><type>&x;</type><reason>a</reason></feedback>',
    400,
  ],
  [
    'an external entity',
    'application/xml',
    '<!DOCTYPE f [<!ENTITY e SYSTEM "file:///etc/passwd">]><feedback><type>return</type><reason>&e;</reason></feedback>',
    400,
  ],
  ['another XML root', 'text/xml', '<result><type>return</type></result>', 400],
  ['malformed JSON', 'application/json', '{"type": "return",', 400],
  ['a JSON array', 'application/json', '["return"]', 400],
  ['a JSON object as type', 'application/json', '{"type":{"a":1},"reason":"x"}', 400],
  ['an unsupported content type', 'text/csv', 'type,reason\nreturn,x', 415],
  ['an empty body', 'application/json', '', 400],
  [
    'XML nested 150 levels deep',
    'text/xml',
    `<feedback><type>return</type>${'<a>'.repeat(150)}${'</a>'.repeat(150)}</feedback>`,
    400,
  ],
]

for (const kind of await dialectsUnderTest()) {
  describe(`LeadConduit feedback errors [${kind}]`, () => {
    let t: TestApp
    let eventId: string
    let saleId: number
    before(async () => {
      t = await createTestApp(kind, { config: { bodyLimit: 4096 } })
      const sale = await sellDemoLead(t.lf)
      eventId = sale.eventId
      saleId = sale.saleId
    })
    after(() => t.close())

    for (const [name, contentType, payload, status] of BAD_BODIES) {
      for (const accept of ['application/json', 'text/xml', 'text/plain']) {
        test(`${name} (Accept ${accept}) → ${status} outcome error`, async () => {
          const res = await t.app.inject({
            method: 'POST',
            url: `/feedback?event_id=${eventId}`,
            headers: { 'content-type': contentType, accept },
            payload,
          })
          assert.equal(res.statusCode, status, res.body)
          assert.equal(String(res.headers['content-type']).split(';')[0], accept)
          assert.match(res.body, /error/)
          assert.doesNotMatch(res.body, /passwd|root:/)
        })
      }
    }

    test('a body over the limit → 413 outcome error', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/feedback?event_id=${eventId}`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: JSON.stringify({ type: 'return', reason: 'x'.repeat(10_000) }),
      })
      assert.equal(res.statusCode, 413)
      assert.equal(res.json().outcome, 'error')
    })

    test('a missing event_id → 400 outcome error', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/feedback',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: '{"type":"return","reason":"x"}',
      })
      assert.equal(res.statusCode, 400)
      assert.equal(res.json().outcome, 'error')
    })

    test('no bad request wrote a return', async () => {
      const rows = await t.lf.db.selectFrom('returns').select('id').where('sale_id', '=', saleId).execute()
      assert.equal(rows.length, 0)
    })

    test('a return without a reason is a failure', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/feedback?event_id=${eventId}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        payload: 'type=return',
      })
      assert.deepEqual(res.json(), { outcome: 'failure', reason: 'A reason is required for a return' })
    })

    test('NUL in event_id and reason is stripped on every database: the return is recorded without it', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/feedback?event_id=${eventId}%00`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: '{"type":"return","reason":"wrong\\u0000 number"}',
      })
      assert.equal(res.statusCode, 200, res.body)
      const rows = await t.lf.db
        .selectFrom('returns')
        .select('reason')
        .where('sale_id', '=', saleId)
        .execute()
      assert.deepEqual(rows, [{ reason: 'wrong number' }])
    })
  })
}
