import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import examples from 'libphonenumber-js/examples.mobile'
import { getCountries, getExampleNumber } from 'libphonenumber-js/max'
import { parseAs } from './parse-as.js'

// libphonenumber's own example mobile number of every region it knows.
const exampleNumbers = getCountries().flatMap((country) => {
  const example = getExampleNumber(country, examples)
  return example ? [{ country, example }] : []
})

test('every region: E.164, international and national forms round-trip to the same E.164', () => {
  fc.assert(
    fc.property(fc.constantFrom(...exampleNumbers), ({ country, example }) => {
      const e164 = example.number
      const forms = [e164, example.formatInternational(), example.formatNational()]
      for (const raw of forms) {
        const value = parseAs('phone', raw, { country })
        assert.equal(value.valid, true, `${country} ${raw}`)
        assert.equal(value.normal, e164, `${country} ${raw}`)
      }
      const again = parseAs('phone', e164)
      assert.equal(again.components.nationalNumber, example.nationalNumber)
      assert.equal(again.components.countryCallingCode, example.countryCallingCode)
    }),
    { numRuns: exampleNumbers.length * 2 },
  )
})

test('NANP: any valid 10-digit number reads the same in every common US spelling', () => {
  const digits = fc.stringMatching(/^[2-9]\d{2}[2-9]\d{6}$/)
  fc.assert(
    fc.property(digits, fc.option(fc.integer({ min: 1, max: 99999 })), (national, ext) => {
      const plain = parseAs('phone', national)
      fc.pre(plain.valid)
      const [area, exchange, line] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)]
      const suffix = ext === null ? '' : ` ext. ${ext}`
      for (const raw of [
        `(${area}) ${exchange}-${line}`,
        `1-${area}-${exchange}-${line}`,
        `+1 ${area}.${exchange}.${line}`,
      ]) {
        const value = parseAs('phone', raw + suffix)
        assert.equal(value.normal, `+1${national}`, raw)
        assert.equal(value.components.areaCode, area)
        assert.equal(value.components.exchange, exchange)
        assert.equal(value.components.line, line)
        assert.equal(value.components.extension, ext === null ? undefined : String(ext))
      }
    }),
    { numRuns: 300 },
  )
})
