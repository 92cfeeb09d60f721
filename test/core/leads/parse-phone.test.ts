import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('a US national number with punctuation and an extension becomes E.164 with NANP parts', () => {
  const value = parseAs('phone', '(212) 555-1234 ext. 55')
  assert.equal(value.valid, true)
  assert.equal(value.normal, '+12125551234')
  assert.deepEqual(value.components, {
    country: 'US',
    countryCallingCode: '1',
    nationalNumber: '2125551234',
    e164: '+12125551234',
    areaCode: '212',
    exchange: '555',
    line: '1234',
    tollFree: false,
    type: 'fixed_line_or_mobile',
    extension: '55',
  })
})

test('E.164, a leading 1, dots and an x extension are all read', () => {
  for (const raw of ['+12125551234', '1-212-555-1234', '212.555.1234', '2125551234 x9']) {
    assert.equal(parseAs('phone', raw).normal, '+12125551234', raw)
  }
  assert.equal(parseAs('phone', '212.555.1234 x 9').components.extension, '9')
})

test('toll-free numbers are flagged', () => {
  const value = parseAs('phone', '800-555-1234')
  assert.equal(value.components.tollFree, true)
  assert.equal(value.components.type, 'toll_free')
})

test('the default region comes from spec.country', () => {
  const value = parseAs('phone', '020 7946 0958', { country: 'GB' })
  assert.equal(value.normal, '+442079460958')
  assert.equal(value.components.country, 'GB')
  assert.equal(value.components.type, 'fixed_line')
  assert.equal(value.components.areaCode, undefined)
})

test('a UK mobile is typed mobile', () => {
  assert.equal(parseAs('phone', '+44 7400 123456').components.type, 'mobile')
})

test('an unknown spec.country falls back to US', () => {
  assert.equal(parseAs('phone', '2125551234', { country: 'ZZ' }).normal, '+12125551234')
})

test('short, impossible or non-numeric input is invalid with a clear message', () => {
  for (const raw of ['555-1234', '123', 'call me', '+1 011 555 1234', '(212) 555-1234 and more']) {
    const value = parseAs('phone', raw, { label: 'Phone' })
    assert.equal(value.valid, false, raw)
    assert.equal(value.error, 'Phone is not a valid phone number')
  }
})
