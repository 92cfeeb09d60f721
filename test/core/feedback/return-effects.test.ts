import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { chooseSale } from '../../../src/core/feedback/choose-sale.js'
import type { SaleContext } from '../../../src/core/feedback/feedback-store.js'
import { FEEDBACK_POSTBACK_TASK } from '../../../src/core/feedback/postback-job.js'
import { returnEffects } from '../../../src/core/feedback/return-effects.js'
import { parseReturnPolicy } from '../../../src/core/feedback/return-policy.js'

function sale(overrides: Partial<SaleContext> = {}): SaleContext {
  return {
    saleId: 10,
    leadId: 5,
    postId: 'p-5',
    reference: 'ref',
    contractId: 3,
    buyerId: 2,
    sourceId: 1,
    leadTypeId: 1,
    verticalId: 1,
    eventId: 'e'.repeat(24),
    priceCents: 2500,
    leadCostCents: 900,
    saleState: 'sold',
    soldAt: '2026-11-20T00:00:00.000Z',
    convertedAt: null,
    policy: parseReturnPolicy('{}'),
    source: { postbackUrl: null, chargebackReturns: false },
    existingReturn: null,
    ...overrides,
  }
}
const ctx = { eventId: 'f'.repeat(24), reason: 'Wrong number', now: new Date('2026-11-23T00:00:00.000Z') }

describe('return effects', () => {
  test('credit: the buyer gets the price back, the sale is credited', () => {
    const fx = returnEffects(sale(), 'credited', ctx)
    assert.equal(fx.saleState, 'credited')
    assert.deepEqual(
      fx.ledger.map((e) => [e.accountKind, e.entry, e.amountCents]),
      [['buyer', 'credit', -2500]],
    )
    assert.equal(fx.replacement, false)
    assert.equal(fx.chargeback, null)
  })

  test('replace: no money now, a replacement, and the source charged back when set', () => {
    const fx = returnEffects(
      sale({ source: { postbackUrl: null, chargebackReturns: true } }),
      'replaced',
      ctx,
    )
    assert.equal(fx.saleState, 'replaced')
    assert.deepEqual(fx.ledger, [])
    assert.equal(fx.replacement, true)
    assert.equal(fx.chargeback?.amountCents, -900)
    assert.equal(fx.chargeback?.accountKind, 'source')
  })

  test('pending and rejected change nothing but can post back', () => {
    const withUrl = sale({ source: { postbackUrl: 'https://src.example/pb', chargebackReturns: true } })
    for (const status of ['pending', 'rejected'] as const) {
      const fx = returnEffects(withUrl, status, ctx)
      assert.equal(fx.saleState, null)
      assert.equal(fx.chargeback, null)
      assert.equal(fx.jobs.length, 2)
      assert.equal(fx.jobs[0]!.task, FEEDBACK_POSTBACK_TASK)
      assert.equal(fx.jobs[0]!.options?.key, `postback:${ctx.eventId}`)
      assert.equal((fx.jobs[0]!.payload as any).body.status, status)
      // …and the webhook event, in the same transaction (docs/webhooks.md).
      assert.equal(fx.jobs[1]!.task, 'webhooks.fanout')
      assert.equal(
        (fx.jobs[1]!.payload as any).type,
        status === 'pending' ? 'return.requested' : 'return.decided',
      )
    }
  })
})

describe('choosing the sale of a multi-sold lead', () => {
  const a = sale({ saleId: 1, contractId: 7 })
  const b = sale({ saleId: 2, contractId: 8 })
  test('one sale needs no contract; several do', () => {
    assert.deepEqual(chooseSale('5', [a], null), { ok: true, sale: a })
    const ambiguous = chooseSale('5', [a, b], null)
    assert.equal(ambiguous.ok, false)
    assert.deepEqual(chooseSale('5', [a, b], 8), { ok: true, sale: b })
    assert.deepEqual(chooseSale('5', [a, b], 9), {
      ok: false,
      reason: 'Buyer contract 9 did not purchase lead 5',
    })
    assert.deepEqual(chooseSale('5', [], null), { ok: false, reason: 'Lead 5 has not been sold' })
  })
})
