import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseCallDetails } from '../../../src/core/intake/call-details.js'
import { pacificToUtc } from '../../../src/core/intake/pacific-time.js'
import { usDateTime } from '../../../src/core/intake/us-date-time.js'

describe('calldate in Pacific time (seed 003, Create Call Lead)', () => {
  test('the document example, standard time: UTC-8', () => {
    assert.equal(pacificToUtc('11/13/2020 12:15 PM')?.toISOString(), '2020-11-13T20:15:00.000Z')
  })
  test('daylight time: UTC-7; ISO wall-clock input; midnight and noon', () => {
    assert.equal(pacificToUtc('07/04/2021 9:00 AM')?.toISOString(), '2021-07-04T16:00:00.000Z')
    assert.equal(pacificToUtc('2021-07-04T09:00:00')?.toISOString(), '2021-07-04T16:00:00.000Z')
    assert.equal(pacificToUtc('1/1/2022 12:00 AM')?.toISOString(), '2022-01-01T08:00:00.000Z')
    assert.equal(pacificToUtc('1/1/2022 12:30:15 PM')?.toISOString(), '2022-01-01T20:30:15.000Z')
  })
  test('an explicit offset wins', () => {
    assert.equal(pacificToUtc('2021-07-04T09:00:00Z')?.toISOString(), '2021-07-04T09:00:00.000Z')
  })
  test('nonsense is undefined', () => {
    for (const text of ['tomorrow', '13/45/2020', '11/13/2020 13:00 PM', ''])
      assert.equal(pacificToUtc(text), undefined, text)
  })
  test('call details: required ivrnumber and callduration, readable calldate', () => {
    const ok = parseCallDetails({ ivrNumber: '800', callDuration: '30', callDate: '11/13/2020 12:15 PM' })
    assert.deepEqual(ok.errors, [])
    assert.equal(ok.call.callDurationSeconds, 30)
    const bad = parseCallDetails({ callDuration: '-1', callDate: 'soon' })
    assert.deepEqual(
      bad.errors.map((e) => e.field),
      ['ivrnumber', 'callduration', 'calldate'],
    )
  })
  test('US date-time rendering, in UTC', () => {
    assert.equal(usDateTime('2022-12-28T15:29:34Z'), '12/28/2022 3:29:34 PM')
    assert.equal(usDateTime('2020-04-30T00:05:09Z'), '4/30/2020 12:05:09 AM')
  })
})
