import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { leadTypeTerms } from '../../../src/core/distribution/lead-type-terms.js'
import { holdBids } from '../../../src/core/distribution/ping-auction.js'
import { rankBids, rankContracts, weightedShuffle } from '../../../src/core/distribution/ranking.js'
import { sourcePriceCents } from '../../../src/core/distribution/source-terms.js'

const c = (id: number, priority: number, weight = 1, priceCents = 0) => ({ id, priority, weight, priceCents })

test('priority first, then every equal-priority contract in some order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 })), { maxLength: 12 }),
      (specs) => {
        const contracts = specs.map(([p, w], i) => c(i, p, w))
        const ranked = rankContracts(contracts, 'priority')
        assert.equal(ranked.length, contracts.length)
        for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1]!.priority <= ranked[i]!.priority)
      },
    ),
  )
})

test('weights share the first place in proportion', () => {
  let seed = 1
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  const wins = new Map<number, number>()
  for (let i = 0; i < 4000; i++) {
    const first = weightedShuffle([c(1, 1, 3), c(2, 1, 1)], random)[0]!.id
    wins.set(first, (wins.get(first) ?? 0) + 1)
  }
  const share = (wins.get(1) ?? 0) / 4000
  assert.ok(share > 0.7 && share < 0.8, `weight 3 of 4 led ${share}`)
  assert.deepEqual(
    weightedShuffle([c(1, 1, 0), c(2, 1, 1)], random).map((x) => x.id),
    [2, 1],
  )
})

test('price mode puts the highest price first; bids rank highest first', () => {
  assert.deepEqual(
    rankContracts([c(1, 1, 1, 500), c(2, 9, 1, 900)], 'price').map((x) => x.id),
    [2, 1],
  )
  const bids = rankBids([
    { bidCents: 100, contract: c(1, 1) },
    { bidCents: 300, contract: c(2, 5) },
    { bidCents: 300, contract: c(3, 1) },
  ])
  assert.deepEqual(
    bids.map((b) => b.contract.id),
    [3, 2, 1],
  )
})

test('an order holds up to maxSends bids, above the floor, one per buyer, exclusives alone', () => {
  const bid = (id: number, buyerId: number, bidCents: number, exclusive = false) => ({
    bidCents,
    contract: { id, buyerId, exclusive } as any,
    pingEventId: null,
  })
  assert.deepEqual(
    holdBids([bid(1, 1, 900), bid(2, 1, 800), bid(3, 2, 700), bid(4, 3, 100)], 3, 200).map(
      (b) => b.contract.id,
    ),
    [1, 3],
  )
  assert.deepEqual(
    holdBids([bid(1, 1, 900, true), bid(2, 2, 800)], 3, 0).map((b) => b.contract.id),
    [1],
  )
  assert.deepEqual(
    holdBids([bid(1, 1, 900), bid(2, 2, 800, true), bid(3, 3, 700)], 3, 0).map((b) => b.contract.id),
    [1, 3],
  )
})

test('source margins never pay out more than the buyer paid', () => {
  assert.equal(sourcePriceCents(2500, { margin: { kind: 'percent', value: 20 } }), 2000)
  assert.equal(sourcePriceCents(999, { margin: { kind: 'percent', value: 15 } }), 849)
  assert.equal(sourcePriceCents(200, { margin: { kind: 'fixed', value: 300 } }), 0)
  assert.equal(sourcePriceCents(200, { margin: null }), 200)
  fc.assert(
    fc.property(fc.nat(10_000_000), fc.integer({ min: 0, max: 100 }), (price, pct) => {
      const share = sourcePriceCents(price, { margin: { kind: 'percent', value: pct } })
      return Number.isInteger(share) && share >= 0 && share <= price
    }),
  )
})

test('lead type settings name the strategy in the operators words', () => {
  assert.deepEqual(
    ['round_robin', 'percentage', 'weighted', 'price', 'ping_post', 'direct', 'nonsense'].map((s) => {
      const t = leadTypeTerms({ strategy: s })
      return [t.strategy, t.rank]
    }),
    [
      // Rotations are exact, kept in the database (issue 16; test/distribution/rotations.test.ts).
      ['rotation', 'priority'],
      ['rotation', 'priority'],
      ['waterfall', 'weighted'],
      ['waterfall', 'price'],
      ['ping_post', 'priority'],
      ['direct', 'priority'],
      ['waterfall', 'priority'],
    ],
  )
  assert.equal(leadTypeTerms({ maxSends: 3 }).maxSends, 3)
  assert.equal(leadTypeTerms({ maxSends: -1 }).maxSends, 1)
})
