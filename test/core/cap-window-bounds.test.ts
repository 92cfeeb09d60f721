import assert from 'node:assert/strict'
import { test } from 'node:test'
import { capWindowBounds, capWindowKey } from '../../src/core/distribution/cap-windows.js'

const bounds = (window: string, zone: string) => {
  const { start, end } = capWindowBounds(window, zone)
  return [start.toISOString(), end.toISOString()]
}

test('window bounds follow the local calendar, across both daylight-saving changes', () => {
  const ny = 'America/New_York'
  // Spring-forward: 02:00 never happens, so the 01:00 hour ends at 03:00 EDT.
  assert.deepEqual(bounds('hour:2026-03-08T01', ny), ['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z'])
  assert.deepEqual(bounds('day:2026-03-08', ny), ['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'])
  // Fall-back: both 01:00 hours carry one key, so that window lasts two hours.
  assert.equal(capWindowKey('hour', new Date('2026-11-01T05:30:00Z'), ny), 'hour:2026-11-01T01')
  assert.equal(capWindowKey('hour', new Date('2026-11-01T06:30:00Z'), ny), 'hour:2026-11-01T01')
  assert.equal(bounds('hour:2026-11-01T01', ny)[1], '2026-11-01T07:00:00.000Z')
  assert.deepEqual(bounds('day:2026-11-01', ny), ['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'])
  assert.deepEqual(bounds('week:2026-12-28', 'UTC'), ['2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z'])
  assert.deepEqual(bounds('month:2026-12', 'Europe/London'), [
    '2026-12-01T00:00:00.000Z',
    '2027-01-01T00:00:00.000Z',
  ])
  assert.deepEqual(bounds('month:2026-03', 'Europe/London'), [
    '2026-03-01T00:00:00.000Z',
    '2026-03-31T23:00:00.000Z',
  ])
})

test('every instant lies inside the bounds of its own window key', () => {
  for (const zone of ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
    for (
      let t = Date.parse('2026-03-01T00:00:00Z');
      t < Date.parse('2026-04-15T00:00:00Z');
      t += 17 * 60_000
    ) {
      for (const period of ['hour', 'day', 'week', 'month'] as const) {
        const at = new Date(t)
        const { start, end } = capWindowBounds(capWindowKey(period, at, zone), zone)
        assert.ok(start <= at && at < end, `${zone} ${period} ${at.toISOString()}`)
      }
    }
  }
})
