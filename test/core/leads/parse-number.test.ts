import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('decimals become a canonical string and a value', () => {
  const cases: Array<[string, string]> = [
    ['1,234.50', '1234.5'],
    ['+007', '7'],
    ['-0.0', '0'],
    ['.5', '0.5'],
    ['-12.340', '-12.34'],
    ['1,000,000', '1000000'],
    ['12345678901234567890.123', '12345678901234567890.123'],
  ]
  for (const [raw, normal] of cases) {
    const value = parseAs('number', raw)
    assert.equal(value.normal, normal, raw)
    assert.equal(value.components.value, Number(normal))
  }
})

test('misplaced commas and non-decimal forms are invalid', () => {
  for (const raw of ['1,23', '12,34,567', '1e3', '0x10', 'abc', '1.2.3', '-', '.', '$5', 'NaN', 'Infinity']) {
    assert.equal(parseAs('number', raw).valid, false, raw)
  }
})

test('min and max are inclusive', () => {
  assert.equal(parseAs('number', '18', { min: 18, max: 99 }).valid, true)
  assert.equal(parseAs('number', '99', { min: 18, max: 99 }).valid, true)
  const low = parseAs('number', '17.9', { min: 18, label: 'Age' })
  assert.equal(low.valid, false)
  assert.equal(low.error, 'Age must be at least 18')
  assert.equal(parseAs('number', '100', { max: 99, label: 'Age' }).error, 'Age must be at most 99')
})
