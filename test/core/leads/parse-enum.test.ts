import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

const allowed = ['Own', 'Rent', 'Live with parents']

test('a case-insensitive match gives the allowed spelling', () => {
  const value = parseAs('enum', 'live WITH parents', { allowed })
  assert.equal(value.valid, true)
  assert.equal(value.normal, 'Live with parents')
  assert.deepEqual(value.components, { value: 'Live with parents', index: 2 })
})

test('a value outside the list is invalid and the message lists the options', () => {
  const value = parseAs('enum', 'Lease', { allowed, label: 'Residence' })
  assert.equal(value.valid, false)
  assert.equal(value.error, 'Residence must be one of: Own, Rent, Live with parents')
})

test('an enum with no allowed values accepts nothing', () => {
  assert.equal(parseAs('enum', 'x').valid, false)
})
