import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { REGIONS } from '../../../src/core/leads/regions.js'
import { parseAs } from './parse-as.js'

/** The same text with each letter's case chosen at random. */
const anyCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
    .map((upper) => [...text].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch.toLowerCase())).join(''))

const region = fc.constantFrom(...REGIONS)

test('name → code and code → name agree for every region, in any case', () => {
  fc.assert(
    fc.property(
      region.chain((r) => fc.tuple(fc.constant(r), anyCase(r.name), anyCase(r.code))),
      ([r, name, code]) => {
        const byName = parseAs('state', name)
        const byCode = parseAs('state', code)
        assert.equal(byName.normal, r.code)
        assert.deepEqual(byCode.components, { code: r.code, name: r.name, country: r.country })
        assert.deepEqual(byName.components, byCode.components)
      },
    ),
    { numRuns: 500 },
  )
})

test('codes are unique and each is two upper-case letters', () => {
  const codes = REGIONS.map((r) => r.code)
  assert.equal(new Set(codes).size, codes.length)
  for (const code of codes) assert.match(code, /^[A-Z]{2}$/)
})
