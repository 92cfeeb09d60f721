import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FIELD_TYPES, type FieldType } from '../../../src/core/leads/field-spec.js'
import { parseField } from '../../../src/core/leads/parse-field.js'
import { NOW } from './parse-as.js'

test('FIELD_TYPES lists each type once and cannot be changed', () => {
  assert.equal(new Set(FIELD_TYPES).size, 14)
  assert.ok(Object.isFrozen(FIELD_TYPES))
})

test('surrounding white space is ignored and raw is kept as sent', () => {
  const value = parseField({ name: 'zip', type: 'postal_code' }, ' \t12345\n', NOW)
  assert.deepEqual(value, {
    raw: ' \t12345\n',
    normal: '12345',
    valid: true,
    components: { country: 'US', zip5: '12345' },
  })
})

test('a blank value is invalid on its own (parseLead treats it as absent)', () => {
  assert.equal(
    parseField({ name: 'zip', type: 'postal_code', required: true }, '  ', NOW).error,
    'Zip is required',
  )
  assert.equal(parseField({ name: 'zip', type: 'postal_code' }, '', NOW).error, 'Zip is empty')
})

test('messages use the label, else the name with a capital and spaces', () => {
  assert.equal(
    parseField({ name: 'home_phone', type: 'phone' }, 'x', NOW).error,
    'Home phone is not a valid phone number',
  )
  assert.equal(
    parseField({ name: 'p', type: 'phone', label: 'Mobile' }, 'x', NOW).error,
    'Mobile is not a valid phone number',
  )
})

test('an unknown type or a non-string value does not throw', () => {
  const unknown = parseField({ name: 'x', type: 'color' as FieldType }, 'red', NOW)
  assert.equal(unknown.valid, false)
  assert.match(unknown.error ?? '', /unknown field type "color"/)
  const numeric = parseField({ name: 'zip', type: 'postal_code' }, 12345 as unknown as string, NOW)
  assert.equal(numeric.normal, '12345')
})
