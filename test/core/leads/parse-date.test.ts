import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('US and ISO dates become ISO with year, month, day', () => {
  for (const raw of [
    '03/07/2024',
    '3/7/2024',
    '3-7-2024',
    '2024-03-07',
    '2024-3-7',
    '2024-03-07T23:59:00Z',
    '3/7/24',
  ]) {
    const value = parseAs('date', raw)
    assert.equal(value.normal, '2024-03-07', raw)
    assert.deepEqual(value.components, { year: 2024, month: 3, day: 7 })
  }
})

test('two-digit years fall in the window ending 20 years after now', () => {
  assert.equal(parseAs('date', '1/1/46').normal, '2046-01-01')
  assert.equal(parseAs('date', '1/1/47').normal, '1947-01-01')
})

test('impossible dates are invalid', () => {
  for (const raw of [
    '02/30/2024',
    '2/29/2023',
    '13/01/2024',
    '2024-00-10',
    '2024-04-31',
    '0000-01-01',
    'yesterday',
    '2024/03/07/01',
    '12345',
  ]) {
    assert.equal(parseAs('date', raw).valid, false, raw)
  }
  assert.equal(parseAs('date', '2/29/2024').valid, true)
  assert.equal(parseAs('date', '2/29/2000').valid, true)
  assert.equal(parseAs('date', '2/29/1900').valid, false)
})

test('dob adds the age in whole years at now', () => {
  const value = parseAs('dob', '11/23/1980')
  assert.equal(value.normal, '1980-11-23')
  assert.equal(value.components.age, 46)
  assert.equal(parseAs('dob', '11/24/1980').components.age, 45)
  assert.equal(parseAs('dob', '2026-11-23').components.age, 0)
})

test('dob two-digit years are never in the future', () => {
  assert.equal(parseAs('dob', '1/2/26').normal, '2026-01-02')
  assert.equal(parseAs('dob', '1/2/27').normal, '1927-01-02')
})

test('dob in the future or more than 120 years ago is invalid', () => {
  const future = parseAs('dob', '2026-11-24', { label: 'DOB' })
  assert.equal(future.valid, false)
  assert.equal(future.error, 'DOB is in the future')
  assert.equal(future.normal, '2026-11-24')
  assert.equal(parseAs('dob', '1906-11-24').valid, true)
  const old = parseAs('dob', '1906-11-23', { label: 'DOB' })
  assert.equal(old.components.age, 120)
  assert.equal(old.valid, true)
  assert.equal(parseAs('dob', '1906-11-22').valid, true)
  assert.equal(parseAs('dob', '1905-11-23').valid, false)
})
