import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { FIELD_TYPES, type FieldSpec, type FieldType } from '../../../src/core/leads/field-spec.js'
import { parseField } from '../../../src/core/leads/parse-field.js'
import { NOW } from './parse-as.js'

function specOf(type: FieldType): FieldSpec {
  return {
    name: type,
    type,
    allowed: ['Own', 'Rent', 'Other Thing'],
    maxLength: 40,
    min: -1000,
    max: 1_000_000,
  }
}

// Inputs that look like each type, mixed with noise, so that the valid branches are reached too.
const samples: Record<FieldType, string[]> = {
  text: ['hello', ' a\u0000b ', 'x'.repeat(50)],
  email: ['A@Example.org', 'a@b', 'x+y@Bücher.de', 'a@mailinator.com'],
  phone: ['(212) 555-1234 x12', '+44 20 7946 0958', '555-1234', '+1 800 555 1234'],
  postal_code: ['12345', '123456789', 'k1a0b1', 'sw1a 1aa', '1234'],
  state: ['ny', 'Québec', 'XX', 'd.c.'],
  date: ['2/29/2024', '2024-02-30', '1/2/99', '2024-01-01T00:00:00Z'],
  dob: ['1/2/80', '2030-01-01', '1900-01-01'],
  ssn: ['123456789', '666-12-3456', '123-45-678'],
  ip: ['::FFFF:1.2.3.4', '1.2.3.4', 'fe80::1%eth0', '1.2.3'],
  url: ['HTTPS://Example.com/a b', 'ftp://x', 'http://[::1]:80/'],
  consent_url: [
    'https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567',
    '4f3a2b1c-1234-5678-9abc-def012345678',
  ],
  number: ['1,234.50', '-0', '.5', '1e3', '2000000'],
  boolean: ['Yes', 'off', 'maybe'],
  enum: ['own', 'OTHER THING', 'lease'],
}

const anyType = fc.constantFrom(...FIELD_TYPES)
const inputFor = (type: FieldType) =>
  fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(...samples[type]),
  )

test('parseField never throws, for any string and any type', () => {
  fc.assert(
    fc.property(
      anyType.chain((type) => fc.tuple(fc.constant(type), inputFor(type))),
      ([type, raw]) => {
        const value = parseField(specOf(type), raw, NOW)
        assert.equal(value.raw, raw)
        assert.equal(typeof value.normal, 'string')
        assert.equal(value.valid, value.error === undefined)
      },
    ),
    { numRuns: 3000 },
  )
})

test('normalization is idempotent: parsing normal gives the same normal and validity', () => {
  fc.assert(
    fc.property(
      anyType.chain((type) => fc.tuple(fc.constant(type), inputFor(type))),
      ([type, raw]) => {
        const first = parseField(specOf(type), raw, NOW)
        if (first.normal === '') return
        const second = parseField(specOf(type), first.normal, NOW)
        assert.equal(second.normal, first.normal)
        assert.equal(second.valid, first.valid)
        // A phone's normal (E.164) has no room for its extension; every other component stays.
        const { extension: _dropped, ...kept } = first.components
        assert.deepEqual(second.components, type === 'phone' ? kept : first.components)
      },
    ),
    { numRuns: 3000 },
  )
})
