import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  refuseConversion,
  refuseReturn,
  refuseReturnRate,
} from '../../../src/core/feedback/acceptance-rules.js'
import { parseReturnPolicy } from '../../../src/core/feedback/return-policy.js'

const now = new Date('2026-11-23T12:00:00.000Z')
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString()
const attempt = (soldAt: string, reason = 'Wrong number') => ({ soldAt, now, reason, converted: false })

describe('return acceptance rules', () => {
  test('the demo policy: 7 days, the 8th day refused with the document wording', () => {
    const policy = parseReturnPolicy('{"windowDays":7,"allowConversions":true,"autoApprove":false}')
    assert.equal(refuseReturn(policy, attempt(daysAgo(6.9))), null)
    assert.equal(refuseReturn(policy, attempt(daysAgo(7))), null)
    assert.equal(refuseReturn(policy, attempt(daysAgo(7.01))), 'Must provide return within 7 days')
    assert.equal(
      refuseReturn(parseReturnPolicy('{"windowDays":1}'), attempt(daysAgo(2))),
      'Must provide return within 1 day',
    )
  })

  test('an empty or unreadable policy accepts any return and conversion', () => {
    for (const json of ['{}', '', 'not json', '[]', '{"windowDays":"7","maxReturnRate":3}']) {
      const policy = parseReturnPolicy(json)
      assert.equal(refuseReturn(policy, attempt(daysAgo(400))), null)
      assert.equal(refuseConversion(policy, { returned: false, converted: false }), null)
      assert.equal(policy.maxReturnRate, null)
    }
  })

  test('allowed reasons compare without case and list the accepted ones', () => {
    const policy = parseReturnPolicy('{"allowedReasons":["Wrong number","Duplicate"]}')
    assert.equal(refuseReturn(policy, attempt(daysAgo(1), 'wrong NUMBER')), null)
    assert.equal(
      refuseReturn(policy, attempt(daysAgo(1), 'Changed my mind')),
      'Return reason "Changed my mind" is not accepted; accepted reasons: Wrong number, Duplicate',
    )
  })

  test('returns off, and converted leads, are refused', () => {
    assert.match(
      String(refuseReturn(parseReturnPolicy('{"allowReturns":false}'), attempt(daysAgo(0)))),
      /not accepted/,
    )
    assert.match(
      String(refuseReturn(parseReturnPolicy('{}'), { ...attempt(daysAgo(0)), converted: true })),
      /converted/,
    )
  })

  test('the return-rate cap counts this return', () => {
    const policy = parseReturnPolicy('{"maxReturnRate":0.25,"returnRatePeriodDays":7}')
    assert.equal(refuseReturnRate(policy, { sales: 8, returns: 1 }), null)
    assert.equal(
      refuseReturnRate(policy, { sales: 8, returns: 2 }),
      'Return limit reached: at most 25% of leads may be returned per 7 days',
    )
    assert.equal(refuseReturnRate(parseReturnPolicy('{}'), { sales: 1, returns: 100 }), null)
  })

  test('conversions: switched off, of a returned lead, or twice are refused', () => {
    const policy = parseReturnPolicy('{}')
    assert.match(
      String(
        refuseConversion(parseReturnPolicy('{"allowConversions":false}'), {
          returned: false,
          converted: false,
        }),
      ),
      /not accepted/,
    )
    assert.match(String(refuseConversion(policy, { returned: true, converted: false })), /returned lead/)
    assert.match(String(refuseConversion(policy, { returned: false, converted: true })), /already recorded/)
  })
})
