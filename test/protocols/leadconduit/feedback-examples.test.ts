import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { XMLParser } from 'fast-xml-parser'
import { dialectsUnderTest } from '../../helpers/databases.js'
import { sellDemoLead } from '../../helpers/sales-fixture.js'
import { createTestApp, type TestApp } from '../../helpers/test-app.js'

/** The request bodies of seed 000, "How do I provide feedback on a lead?", as written. */
const EXAMPLES = {
  xml: {
    contentType: 'text/xml',
    body: '<?xml version="1.0" encoding="utf-8" ?>\n<feedback>\n  <type>return</type>\n  <reason>Wrong number</reason>\n</feedback>',
  },
  json: { contentType: 'application/json', body: '{\n  "type": "return",\n  "reason": "Wrong number"\n}' },
  form: { contentType: 'application/x-www-form-urlencoded', body: 'type=return&reason=Wrong+number' },
} as const

const ACCEPTS = { xml: 'text/xml', json: 'application/json', text: 'text/plain' } as const
const xml = new XMLParser()
const DAY = 86_400_000

/** Reads any of the three answer shapes into { outcome, reason? }. */
function readAnswer(format: keyof typeof ACCEPTS, body: string): Record<string, string> {
  if (format === 'json') return JSON.parse(body)
  if (format === 'xml') {
    assert.match(body, /^<\?xml version="1.0" encoding="utf-8" \?>\n<result>/)
    return xml.parse(body).result
  }
  return Object.fromEntries(body.split('\n').map((line) => line.split(': ') as [string, string]))
}

for (const kind of await dialectsUnderTest()) {
  describe(`LeadConduit feedback examples [${kind}]`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    const post = (eventId: string, encoding: keyof typeof EXAMPLES, accept: string) =>
      t.app.inject({
        method: 'POST',
        url: `/feedback?event_id=${eventId}`,
        headers: { 'content-type': EXAMPLES[encoding].contentType, accept },
        payload: EXAMPLES[encoding].body,
      })

    for (const encoding of Object.keys(EXAMPLES) as (keyof typeof EXAMPLES)[]) {
      for (const format of Object.keys(ACCEPTS) as (keyof typeof ACCEPTS)[]) {
        test(`${encoding} body, Accept ${ACCEPTS[format]}: success queues the return`, async () => {
          const sale = await sellDemoLead(t.lf)
          const res = await post(sale.eventId, encoding, ACCEPTS[format])
          assert.equal(res.statusCode, 200, res.body)
          assert.equal(String(res.headers['content-type']).split(';')[0], ACCEPTS[format])
          assert.deepEqual(readAnswer(format, res.body), { outcome: 'success' })
          if (format === 'text') assert.equal(res.body, 'outcome: success')
          const ret = await t.lf.db
            .selectFrom('returns')
            .selectAll()
            .where('sale_id', '=', sale.saleId)
            .executeTakeFirstOrThrow()
          assert.equal(ret.status, 'pending')
          assert.equal(ret.reason, 'Wrong number')
          assert.equal(ret.reason_id, 1)
          assert.equal(ret.channel, 'leadconduit')
        })

        test(`${encoding} body, Accept ${ACCEPTS[format]}: the 8th day answers the documented failure`, async () => {
          const sale = await sellDemoLead(t.lf, { soldAt: new Date(Date.now() - 8 * DAY) })
          const res = await post(sale.eventId, encoding, ACCEPTS[format])
          assert.equal(res.statusCode, 200)
          assert.deepEqual(readAnswer(format, res.body), {
            outcome: 'failure',
            reason: 'Must provide return within 7 days',
          })
          if (format === 'text')
            assert.equal(res.body, 'outcome: failure\nreason: Must provide return within 7 days')
        })
      }
    }

    test('the JSON example with its typographic quotes, exactly as printed, is accepted', async () => {
      const sale = await sellDemoLead(t.lf)
      const res = await t.app.inject({
        method: 'POST',
        url: `/feedback?event_id=${sale.eventId}`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: '{\n  “type”: “return”,\n  “reason”: “Wrong number”\n}',
      })
      assert.deepEqual(res.json(), { outcome: 'success' })
    })

    test('an error answers { outcome: error, reason } (the JSON error example)', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/feedback?event_id=0123456789abcdef01234567',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: EXAMPLES.json.body,
      })
      assert.equal(res.statusCode, 404)
      assert.deepEqual(Object.keys(res.json()), ['outcome', 'reason'])
      assert.equal(res.json().outcome, 'error')
    })

    test('without Accept the answer follows the request format (XML in, XML out)', async () => {
      const sale = await sellDemoLead(t.lf)
      const res = await t.app.inject({
        method: 'POST',
        url: `/feedback?event_id=${sale.eventId}`,
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        payload: EXAMPLES.xml.body,
      })
      assert.equal(res.headers['content-type'], 'text/xml; charset=utf-8')
      assert.deepEqual(readAnswer('xml', res.body), { outcome: 'success' })
    })

    test('a conversion is recorded once per sale', async () => {
      const sale = await sellDemoLead(t.lf)
      const send = () =>
        t.app.inject({
          method: 'POST',
          url: `/feedback?event_id=${sale.eventId}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          payload: 'type=conversion&reason=Sold+a+policy',
        })
      assert.deepEqual((await send()).json(), { outcome: 'success' })
      const again = await send()
      assert.equal(again.json().outcome, 'failure')
      assert.match(again.json().reason, /already recorded/)
      const rows = await t.lf.db
        .selectFrom('conversions')
        .selectAll()
        .where('sale_id', '=', sale.saleId)
        .execute()
      assert.equal(rows.length, 1)
    })

    test('another feedback type is a failure with a reason', async () => {
      const sale = await sellDemoLead(t.lf)
      const res = await t.app.inject({
        method: 'POST',
        url: `/feedback?event_id=${sale.eventId}`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        payload: '{"type":"upsell","reason":"x"}',
      })
      assert.equal(res.json().outcome, 'failure')
      assert.match(res.json().reason, /return and conversion/)
    })
  })
}
