import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FieldSpec } from '../../../src/core/leads/field-spec.js'
import { maskForLog } from '../../../src/core/leads/masking.js'
import { parseField } from '../../../src/core/leads/parse-field.js'

const ssn: FieldSpec = { name: 'ssn', type: 'ssn' }

test('a valid ssn is masked to its last four digits everywhere', () => {
  const masked = maskForLog(ssn, parseField(ssn, '123456789'))
  assert.deepEqual(masked, {
    raw: '*****6789',
    normal: '***-**-6789',
    valid: true,
    components: { last4: '6789' },
  })
})

test('an invalid ssn keeps its error and shows no more than four digits', () => {
  const masked = maskForLog(ssn, parseField(ssn, '666-12-3456'))
  assert.equal(masked.valid, false)
  assert.equal(masked.raw, '***-**-3456')
  assert.equal(masked.normal, '***-**-3456')
  assert.match(masked.error ?? '', /not a valid SSN/)
})

test('other types and undeclared fields are unchanged', () => {
  const email: FieldSpec = { name: 'email', type: 'email' }
  const value = parseField(email, 'a@example.com')
  assert.equal(maskForLog(email, value), value)
  assert.equal(maskForLog(undefined, value), value)
})
