import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { nextTurn } from '../../../src/core/distribution/rotation.js'

/** Runs `turns` turns over contracts 1..n with these weights; the contract of each turn, in order. */
function rotate(weights: readonly number[], turns: number): number[] {
  const served = new Map<number, number>()
  const candidates = weights.map((weight, i) => ({ contractId: i + 1, weight }))
  const order: number[] = []
  for (let i = 0; i < turns; i++) {
    const id = nextTurn(candidates, served)
    assert.ok(id !== null)
    served.set(id, (served.get(id) ?? 0) + 1)
    order.push(id)
  }
  return order
}

test('equal weights are strict round robin in contract-id order', () => {
  assert.deepEqual(rotate([1, 1, 1], 9), [1, 2, 3, 1, 2, 3, 1, 2, 3])
  assert.deepEqual(rotate([5, 5], 4), [1, 2, 1, 2])
})

test('percentage shares hold within ±1 lead after every turn', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 7 }), (weights) => {
      const total = weights.reduce((a, b) => a + b, 0)
      const counts = new Array(weights.length).fill(0)
      rotate(weights, 300).forEach((id, i) => {
        counts[id - 1]++
        const turn = i + 1
        weights.forEach((w, k) => {
          assert.ok(Math.abs(counts[k] - (turn * w) / total) <= 1, `turn ${turn} weights ${weights}`)
        })
      })
    }),
    { numRuns: 300 },
  )
})

test('60/30/10 over 100 leads is exactly 60, 30 and 10', () => {
  const order = rotate([60, 30, 10], 100)
  assert.deepEqual(
    [1, 2, 3].map((id) => order.filter((x) => x === id).length),
    [60, 30, 10],
  )
})

test('weight 0 never takes a turn; no rotating candidate means no turn', () => {
  assert.deepEqual(new Set(rotate([0, 2, 1], 30)), new Set([2, 3]))
  assert.equal(nextTurn([{ contractId: 1, weight: 0 }], new Map()), null)
  assert.equal(nextTurn([], new Map()), null)
})

test('a contract that missed turns (filtered out) is due first when it is back', () => {
  const served = new Map([
    [1, 5],
    [2, 5],
    [3, 1],
  ])
  assert.equal(
    nextTurn(
      [1, 2, 3].map((contractId) => ({ contractId, weight: 1 })),
      served,
    ),
    3,
  )
})
