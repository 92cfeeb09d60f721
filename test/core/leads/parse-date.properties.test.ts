import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { parseAs } from './parse-as.js'

const pad = (n: number) => String(n).padStart(2, '0')
const day = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2099-12-31T00:00:00Z'),
  noInvalidDate: true,
})

test('US, short US and ISO spellings of a day agree', () => {
  fc.assert(
    fc.property(day, (d) => {
      const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
      const iso = `${y}-${pad(m)}-${pad(dd)}`
      for (const raw of [
        iso,
        `${pad(m)}/${pad(dd)}/${y}`,
        `${m}/${dd}/${y}`,
        `${m}-${dd}-${y}`,
        `${iso}T12:34:56Z`,
      ]) {
        const value = parseAs('date', raw)
        assert.equal(value.normal, iso, raw)
        assert.deepEqual(value.components, { year: y, month: m, day: dd })
      }
      // A two-digit year resolves within 100 years, so its last two digits always match.
      assert.equal(parseAs('date', `${m}/${dd}/${pad(y % 100)}`).normal.slice(2), iso.slice(2))
    }),
    { numRuns: 500 },
  )
})

test('a day past the end of its month is always invalid', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
      const last = new Date(Date.UTC(2000, m, 0)).getUTCDate() // days in month m of a leap year
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
      const days = m === 2 && !leap ? 28 : last
      const year = String(y).padStart(4, '0')
      assert.equal(parseAs('date', `${year}-${pad(m)}-${pad(days)}`).valid, true)
      assert.equal(parseAs('date', `${year}-${pad(m)}-${pad(days + 1)}`).valid, false)
    }),
  )
})

test('dob age is whole years and a valid dob is 0 to 120 years old', () => {
  fc.assert(
    fc.property(day, (d) => {
      const iso = d.toISOString().slice(0, 10)
      const value = parseAs('dob', iso)
      const age = value.components.age as number
      assert.ok(Number.isInteger(age))
      assert.equal(value.valid, age >= 0 && age <= 120 && iso <= '2026-11-23', iso)
    }),
    { numRuns: 500 },
  )
})
