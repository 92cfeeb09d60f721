import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { type DuplicateRule, duplicateKeys } from '../../../src/core/leads/duplicate-keys.js'
import type { FieldSpec } from '../../../src/core/leads/field-spec.js'
import { parseLead } from '../../../src/core/leads/parse-lead.js'
import { NOW } from './parse-as.js'

const specs: FieldSpec[] = [
  { name: 'Email', type: 'email' },
  { name: 'Phone', type: 'phone' },
  { name: 'zip', type: 'postal_code' },
]

const rules: DuplicateRule[] = [
  { fields: ['email'], windowDays: 30, scope: 'all' },
  { fields: ['Phone', 'zip'], windowDays: 7, scope: 'source' },
]

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

test('one key per rule whose fields are all present and valid', () => {
  const lead = parseLead(specs, { email: 'A@Example.org', phone: '(212) 555-1234', zip: '12345' }, NOW)
  assert.deepEqual(duplicateKeys(rules, lead), [
    { rule: 'email', keyHash: sha256('["a@example.org"]'), windowDays: 30, scope: 'all' },
    { rule: 'Phone+zip', keyHash: sha256('["+12125551234","12345"]'), windowDays: 7, scope: 'source' },
  ])
})

test('different spellings of the same values give the same key', () => {
  const a = parseLead(specs, { email: 'a@example.org', phone: '+1 212 555 1234', zip: '12345' }, NOW)
  const b = parseLead(specs, { Email: ' A@EXAMPLE.ORG', PHONE: '212.555.1234', ZIP: '12345' }, NOW)
  assert.deepEqual(duplicateKeys(rules, a), duplicateKeys(rules, b))
})

test('a rule with a missing or invalid field gives no key', () => {
  const lead = parseLead(specs, { email: 'not-an-email', phone: '2125551234' }, NOW)
  assert.deepEqual(duplicateKeys(rules, lead), [])
  assert.deepEqual(duplicateKeys([{ fields: [], windowDays: 1, scope: 'all' }], lead), [])
})
