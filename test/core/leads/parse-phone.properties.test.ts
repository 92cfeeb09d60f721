import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import examples from 'libphonenumber-js/examples.mobile'
import {
  type CountryCode,
  getCountries,
  getExampleNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max'
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

/** What parsePhone answered before it computed the number's type once: isValid(), then getType(). */
function libphonenumberVerdict(raw: string, country: string | undefined) {
  const region = country && isSupportedCountry(country.toUpperCase()) ? country.toUpperCase() : 'US'
  const phone = parsePhoneNumberFromString(raw.trim(), {
    defaultCountry: region as CountryCode,
    extract: false,
  })
  if (!phone?.isValid()) return { valid: false }
  const type = phone.getType()
  const national = phone.nationalNumber
  const nanp =
    phone.countryCallingCode === '1' && national.length === 10
      ? { areaCode: national.slice(0, 3), exchange: national.slice(3, 6), line: national.slice(6) }
      : {}
  const components: Record<string, unknown> = {
    countryCallingCode: phone.countryCallingCode,
    nationalNumber: national,
    e164: phone.number,
    tollFree: type === 'TOLL_FREE',
    ...nanp,
  }
  if (phone.country) components.country = phone.country
  if (type) components.type = type.toLowerCase()
  if (phone.ext) components.extension = phone.ext
  return { valid: true, normal: phone.number, components }
}

test('the verdict, the normal form and the components are those of isValid() and getType()', () => {
  const regions = [undefined, 'US', 'ca', 'GB', 'DE', 'FR', 'IN', 'BR', 'AU', 'JP', 'ZZ', 'PR', 'JM']
  const digits = fc.stringMatching(/^\+?\d{1,15}$/)
  const nanp = fc.stringMatching(/^1?\d{10}$/)
  const noisy = fc.string({ unit: fc.constantFrom(...'0123456789+-() .xext#*'), maxLength: 24 })
  fc.assert(
    fc.property(fc.oneof(digits, nanp, noisy), fc.constantFrom(...regions), (raw, country) => {
      const want = libphonenumberVerdict(raw, country)
      const got = parseAs('phone', raw, country === undefined ? {} : { country })
      assert.equal(got.valid, want.valid, `${country} ${raw}`)
      if (!want.valid) return
      assert.equal(got.normal, want.normal, `${country} ${raw}`)
      // Key order too: the components are stored as JSON (fields_json).
      assert.equal(JSON.stringify(got.components), JSON.stringify(want.components), `${country} ${raw}`)
    }),
    { numRuns: 5000 },
  )
})
