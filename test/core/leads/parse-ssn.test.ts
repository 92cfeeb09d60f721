import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('nine digits with or without dashes', () => {
  for (const raw of ['123456789', '123-45-6789', '123 45 6789']) {
    const value = parseAs('ssn', raw)
    assert.equal(value.valid, true, raw)
    assert.equal(value.normal, '123-45-6789')
    assert.deepEqual(value.components, { last4: '6789' })
  }
})

test('numbers never issued are invalid', () => {
  for (const raw of [
    '000-12-3456',
    '666-12-3456',
    '900-12-3456',
    '999-12-3456',
    '123-00-4567',
    '123-45-0000',
  ]) {
    const value = parseAs('ssn', raw, { label: 'SSN' })
    assert.equal(value.valid, false, raw)
    assert.match(value.error ?? '', /^SSN is not a valid SSN/)
  }
})

test('other shapes are invalid', () => {
  for (const raw of ['12345678', '1234567890', '123-456-789', 'abc-de-fghi']) {
    assert.equal(parseAs('ssn', raw).valid, false, raw)
  }
})
