import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FieldSpec } from '../../../src/core/leads/field-spec.js'
import { parseLead } from '../../../src/core/leads/parse-lead.js'
import { NOW } from './parse-as.js'

const specs: FieldSpec[] = [
  { name: 'Email', type: 'email', required: true },
  { name: 'phone', type: 'phone', required: true, label: 'Phone number' },
  { name: 'zip', type: 'postal_code' },
  { name: 'dob', type: 'dob' },
]

test('declared fields match input keys without regard to case; the rest go to extra', () => {
  const lead = parseLead(specs, { EMAIL: 'A@Example.org', Phone: '2125551234', sub_id: '77' }, NOW)
  assert.deepEqual(Object.keys(lead.fields), ['Email', 'phone'])
  assert.equal(lead.fields.Email.normal, 'a@example.org')
  assert.equal(lead.fields.phone.normal, '+12125551234')
  assert.deepEqual(lead.extra, { sub_id: '77' })
  assert.deepEqual(lead.errors, [])
})

test('missing required fields are reported with the label; blank optional ones are absent', () => {
  const lead = parseLead(specs, { email: '   ', zip: ' ', dob: '' }, NOW)
  assert.deepEqual(lead.fields, {})
  assert.deepEqual(lead.errors, [
    { field: 'Email', message: 'Email is required', kind: 'missing' },
    { field: 'phone', message: 'Phone number is required', kind: 'missing' },
  ])
})

test('invalid values stay in fields (valid false) and are reported', () => {
  const lead = parseLead(specs, { email: 'a@example.org', phone: '555-1234', zip: '1234' }, NOW)
  assert.equal(lead.fields.phone.valid, false)
  assert.deepEqual(lead.errors, [
    { field: 'phone', message: 'Phone number is not a valid phone number', kind: 'invalid' },
    { field: 'zip', message: 'Zip is not a valid US, Canadian or UK postal code', kind: 'invalid' },
  ])
})

test('when two input keys differ only in case, the first non-blank one is used', () => {
  const lead = parseLead(specs, { email: '', Email: 'b@example.org', phone: '2125551234' }, NOW)
  assert.equal(lead.fields.Email.raw, 'b@example.org')
  assert.deepEqual(lead.extra, {})
})

test('keys like __proto__ are kept as data', () => {
  const input = JSON.parse('{"__proto__": "x", "phone": "2125551234", "email": "a@example.org"}')
  const lead = parseLead([...specs, { name: 'constructor', type: 'text' }], input, NOW)
  assert.equal(Object.getPrototypeOf(lead.extra), Object.prototype)
  assert.deepEqual(Object.entries(lead.extra), [['__proto__', 'x']])
  assert.equal(Object.hasOwn(lead.fields, 'constructor'), false)
})
