import assert from 'node:assert/strict'
import { test } from 'node:test'
import { closedReason } from '../../../src/core/distribution/schedule.js'

const nineToFive = { mon: [['09:00', '17:00']] as Array<[string, string]> }

test('hours of operation are read in the contract time zone', () => {
  const at = new Date('2026-11-23T14:30:00Z') // Monday 09:30 New York, 06:30 Los Angeles
  assert.equal(closedReason({ timeZone: 'America/New_York', days: nineToFive }, at), null)
  assert.equal(
    closedReason({ timeZone: 'America/Los_Angeles', days: nineToFive }, at),
    'outside hours of operation (mon 06:30 America/Los_Angeles)',
  )
})

test('no days means always open; a missing weekday is closed; end is exclusive; closed dates win', () => {
  const at = new Date('2026-11-23T17:00:00Z')
  assert.equal(closedReason({}, at), null)
  assert.match(closedReason({ days: { tue: [['00:00', '24:00']] } }, at) ?? '', /mon 17:00 UTC/)
  assert.match(closedReason({ days: nineToFive }, at) ?? '', /outside/)
  assert.equal(closedReason({ days: { mon: [['00:00', '24:00']] } }, at), null)
  assert.equal(closedReason({ closedDates: ['2026-11-23'] }, at), 'closed on 2026-11-23 (UTC)')
})
