import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { parseResponse } from '../../../src/core/delivery/parse-response.js'
import { nextDeliveryRetryAt } from '../../../src/core/delivery/retry-policy.js'
import { sendDelivery } from '../../../src/core/delivery/send-delivery.js'
import { parseXml, selectXPath } from '../../../src/core/delivery/xml.js'

const res = (status: number, body: string) => ({ status, body, headers: {}, durationMs: 3 })

test('JSON path rules: accepted with price, lead id, redirect, agent; rejected with reason', () => {
  const rules = {
    outcomeAt: 'json:result.status',
    accepted: 'ok',
    rejected: '/^(no|dup)/i',
    reason: 'json:result.message',
    price: 'json:result.bid',
    buyerLeadId: 'json:result.id',
    redirectUrl: 'json:result.links[0]',
    agentName: 'json:agent.name',
    agentPhone: 'regex:"phone":"([^"]+)"',
  }
  const ok = parseResponse(
    res(
      200,
      JSON.stringify({
        result: { status: 'OK', bid: '12.50', id: 991, links: ['https://r.example'] },
        agent: { name: 'Sam', phone: '+1555' },
      }),
    ),
    rules,
  )
  assert.deepEqual(ok, {
    outcome: 'accepted',
    reason: '',
    priceCents: 1250,
    redirectUrl: 'https://r.example',
    buyerLeadId: '991',
    agentName: 'Sam',
    agentPhone: '+1555',
  })
  const no = parseResponse(
    res(200, JSON.stringify({ result: { status: 'Duplicate', message: 'seen before' } })),
    rules,
  )
  assert.equal(no.outcome, 'rejected')
  assert.equal(no.reason, 'seen before')
})

test('XPath and whole-body text rules, with defaults when a value is absent', () => {
  const xml =
    '<?xml version="1.0"?><soap:Envelope xmlns:soap="x"><soap:Body><Response code="A"><Status>Accepted</Status><Price>7</Price></Response></soap:Body></soap:Envelope>'
  const parsed = parseResponse(res(200, xml), {
    outcomeAt: 'xpath:/Envelope/Body/Response/Status',
    accepted: 'accepted',
    price: 'xpath://Price',
    buyerLeadId: 'xpath:/Envelope/Body/Response/@code',
    redirectUrl: 'xpath://Missing',
    defaults: { redirectUrl: 'https://default.example' },
  })
  assert.equal(parsed.outcome, 'accepted')
  assert.equal(parsed.priceCents, 700)
  assert.equal(parsed.buyerLeadId, 'A')
  assert.equal(parsed.redirectUrl, 'https://default.example')
  assert.equal(
    parseResponse(res(200, 'Result=SUCCESS&id=5'), { accepted: 'success', buyerLeadId: 'regex:id=(\\d+)' })
      .buyerLeadId,
    '5',
  )
  assert.equal(parseResponse(res(200, 'anything'), {}).outcome, 'accepted')
  assert.equal(parseResponse(res(404, 'nope'), {}).outcome, 'rejected')
  assert.equal(
    parseResponse(res(200, 'x'), { price: 'json:p', priceUnit: 'cents', defaults: { priceCents: 55 } })
      .priceCents,
    55,
  )
  assert.equal(selectXPath(parseXml('<a><b>1</b><b>2</b></a>'), '/a/b[2]'), '2')
})

test('5xx, garbage and unrecognised answers are errors with the cause, never throws', () => {
  assert.deepEqual(
    [
      parseResponse(res(503, 'down'), { accepted: 'ok' }).reason,
      parseResponse(res(500, '{"status":"ok"}'), { outcomeAt: 'json:status', accepted: 'ok' }).outcome,
    ],
    ['HTTP 503', 'error'],
  )
  assert.match(
    parseResponse(res(200, '<<garbage'), { outcomeAt: 'json:status', accepted: 'ok' }).reason,
    /unparseable response: response is not JSON/,
  )
  assert.match(
    parseResponse(res(200, '{"status":"maybe"}'), {
      outcomeAt: 'json:status',
      accepted: 'ok',
      rejected: 'no',
    }).reason,
    /unrecognized/,
  )
  fc.assert(
    fc.property(
      fc.integer({ min: 100, max: 599 }),
      fc.string(),
      fc.option(fc.string()),
      (status, body, path) => {
        const parsed = parseResponse(res(status, body), {
          outcomeAt: path ?? undefined,
          accepted: 'ok',
          price: 'json:p',
          reason: 'xpath://r',
        })
        return (
          ['accepted', 'rejected', 'error'].includes(parsed.outcome) &&
          (status < 500 || parsed.outcome === 'error')
        )
      },
    ),
  )
})

test('a buyer answer nested past the XML depth cap is an error outcome, never a throw', () => {
  const deep = `<r>${'<a>'.repeat(5_000)}ok${'</a>'.repeat(5_000)}</r>`
  assert.equal(parseXml(deep), null)
  const parsed = parseResponse(res(200, deep), { outcomeAt: 'xpath://a', accepted: 'ok', price: 'xpath://p' })
  assert.equal(parsed.outcome, 'error')
  assert.match(parsed.reason, /unparseable response: response is not XML/)
  assert.equal(parseXml('<!DOCTYPE r [<!ENTITY e "ok">]><r>&e;</r>'), null)
})

test('XPath values have the predefined entities and character references decoded', () => {
  const xml = '<r><Url>https://b.example/?a=1&amp;b=2</Url><Name a="&quot;x&quot;">O&#39;Neil</Name></r>'
  assert.equal(selectXPath(parseXml(xml), '/r/Url'), 'https://b.example/?a=1&b=2')
  assert.equal(selectXPath(parseXml(xml), '/r/Name'), "O'Neil")
  assert.equal(selectXPath(parseXml(xml), '/r/Name/@a'), '"x"')
})

test('a transport failure becomes an error outcome with its cause', async () => {
  const failing = {
    request: async () => {
      throw new Error('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      })
    },
  }
  const attempt = await sendDelivery(failing, { method: 'POST', url: 'http://x', timeoutMs: 10 }, {})
  assert.equal(attempt.outcome, 'error')
  assert.match(attempt.reason, /connection error: fetch failed: .*ECONNREFUSED/)
  const slow = {
    request: async () => Promise.reject(Object.assign(new Error('aborted'), { name: 'TimeoutError' })),
  }
  assert.equal(
    (await sendDelivery(slow, { method: 'POST', url: 'http://x', timeoutMs: 250 }, {})).reason,
    'timeout after 250 ms',
  )
})

test('delivery retries follow the contract schedule, the last delay repeating', () => {
  const now = new Date('2026-11-23T00:00:00Z')
  const retry = { attempts: 3, delaysMs: [1000, 5000] }
  assert.deepEqual(
    [1, 2, 3, 4].map((n) => nextDeliveryRetryAt(retry, n, now)?.getTime() ?? null),
    [now.getTime() + 1000, now.getTime() + 5000, now.getTime() + 5000, null],
  )
  assert.equal(nextDeliveryRetryAt(undefined, 1, now), null)
  assert.equal(nextDeliveryRetryAt({ attempts: 1 }, 1, now)?.getTime(), now.getTime() + 60_000)
})
