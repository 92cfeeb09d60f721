import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import type { FieldSpec } from '../../../src/core/leads/field-spec.js'
import { maskForLog } from '../../../src/core/leads/masking.js'
import { parseField } from '../../../src/core/leads/parse-field.js'

const ssn: FieldSpec = { name: 'ssn', type: 'ssn' }
const digitCount = (text: string) => (text.match(/\d/g) ?? []).length

const ssnLike = fc.oneof(
  fc.stringMatching(/^\d{3}-?\d{2}-?\d{4}$/),
  fc.stringMatching(/^[\d -]{0,20}$/),
  fc.string(),
)

test('masking an ssn never reveals more than its last four digits', () => {
  fc.assert(
    fc.property(ssnLike, (raw) => {
      const masked = maskForLog(ssn, parseField(ssn, raw))
      const all = `${masked.raw} ${masked.normal} ${masked.error ?? ''} ${Object.values(masked.components).join(' ')}`
      const rawDigits = raw.replace(/\D/g, '')
      for (const text of [masked.raw, masked.normal]) {
        assert.ok(digitCount(text) <= 4, text)
        assert.ok(rawDigits.endsWith(text.replace(/\D/g, '')), text)
      }
      if (rawDigits.length > 4) assert.ok(!all.includes(rawDigits), all)
    }),
    { numRuns: 2000 },
  )
})
