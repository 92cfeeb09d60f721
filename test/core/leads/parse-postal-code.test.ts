import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('US ZIP codes, 5 and 9 digits', () => {
  assert.deepEqual(parseAs('postal_code', '12345').components, { country: 'US', zip5: '12345' })
  for (const raw of ['12345-6789', '123456789', '12345 6789']) {
    const value = parseAs('postal_code', raw)
    assert.equal(value.normal, '12345-6789', raw)
    assert.deepEqual(value.components, { country: 'US', zip5: '12345', plus4: '6789' })
  }
})

test('Canadian postal codes: spacing and case normalized', () => {
  for (const raw of ['k1a0b1', 'K1A 0B1', 'k1a  0b1']) {
    const value = parseAs('postal_code', raw)
    assert.equal(value.normal, 'K1A 0B1', raw)
    assert.deepEqual(value.components, { country: 'CA', fsa: 'K1A', ldu: '0B1' })
  }
})

test('UK postcodes of each outward shape get a single space', () => {
  const cases: Array<[string, string, string]> = [
    ['sw1a1aa', 'SW1A 1AA', 'SW1A'],
    ['M1 1AE', 'M1 1AE', 'M1'],
    ['b338th', 'B33 8TH', 'B33'],
    ['CR2 6XH', 'CR2 6XH', 'CR2'],
    ['dn551pt', 'DN55 1PT', 'DN55'],
    ['W1A 0AX', 'W1A 0AX', 'W1A'],
    ['GIR 0AA', 'GIR 0AA', 'GIR'],
  ]
  for (const [raw, normal, outward] of cases) {
    const value = parseAs('postal_code', raw)
    assert.equal(value.normal, normal, raw)
    assert.equal(value.components.country, 'GB')
    assert.equal(value.components.outward, outward)
  }
})

test('other shapes are invalid', () => {
  for (const raw of ['1234', '123456', '12345-678', 'D1A 0B1', 'K1A 0BI', 'ABCDE', '12345-67890']) {
    assert.equal(parseAs('postal_code', raw).valid, false, raw)
  }
})
