import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { capSlots, capWindowKey } from '../../../src/core/distribution/cap-windows.js'

test('window keys name the local window start in the subject time zone', () => {
  // 03:30 UTC on Monday 23 November is still Sunday 22:30 in New York.
  const at = new Date('2026-11-23T03:30:00Z')
  assert.equal(capWindowKey('day', at, 'America/New_York'), 'day:2026-11-22')
  assert.equal(capWindowKey('day', at, 'UTC'), 'day:2026-11-23')
  assert.equal(capWindowKey('hour', at, 'America/New_York'), 'hour:2026-11-22T22')
  assert.equal(capWindowKey('week', at, 'America/New_York'), 'week:2026-11-16')
  assert.equal(capWindowKey('week', at, 'UTC'), 'week:2026-11-23')
  assert.equal(
    capWindowKey('month', new Date('2026-12-01T02:00:00Z'), 'America/Los_Angeles'),
    'month:2026-11',
  )
  assert.equal(capWindowKey('hour', new Date('2026-11-23T00:00:00Z'), 'Asia/Kolkata'), 'hour:2026-11-23T05')
})

test('a week key is always a Monday no more than 6 days back', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
      fc.constantFrom('UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Auckland'),
      (at, zone) => {
        const monday = capWindowKey('week', at, zone).slice(5)
        const day = capWindowKey('day', at, zone).slice(4)
        const diff = (Date.parse(day) - Date.parse(monday)) / 86_400_000
        return new Date(`${monday}T00:00:00Z`).getUTCDay() === 1 && diff >= 0 && diff <= 6
      },
    ),
  )
})

test('cap slots carry limits and the subject', () => {
  const slots = capSlots(
    'contract:7',
    [
      { period: 'day', count: 5 },
      { period: 'month', spendCents: 9000, timeZone: 'UTC' },
    ],
    new Date('2026-11-23T12:00:00Z'),
    'America/Chicago',
  )
  assert.deepEqual(slots, [
    { subject: 'contract:7', window: 'day:2026-11-23', maxCount: 5, maxSpendCents: null },
    { subject: 'contract:7', window: 'month:2026-11', maxCount: null, maxSpendCents: 9000 },
  ])
})
