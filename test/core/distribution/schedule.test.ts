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

test('a contract with an unknown time zone or cap period is skipped with the reason', async () => {
  const { skipReason } = await import('../../../src/core/distribution/eligibility.js')
  const contract = {
    id: 1,
    buyerId: 1,
    buyerName: 'B',
    buyerActive: true,
    leadTypeId: 1,
    name: 'c',
    status: 'active',
    priceCents: 100,
    pricing: 'fixed' as const,
    exclusive: false,
    priority: 1,
    weight: 1,
    filters: [],
    caps: [],
    schedule: {},
    delivery: { kind: 'http' as const },
    autoPauseAfter: 5,
  }
  const lead = { id: 1, sourceId: 1, sourceVid: 1, leadTypeId: 1, orderId: null, fields: {} }
  const input = { at: new Date(), soldBuyerIds: [], exclusiveSold: false, callQueueAvailable: false }
  assert.equal(skipReason(contract, lead, input), null)
  assert.equal(
    skipReason({ ...contract, schedule: { timeZone: 'Mars/Olympus' } }, lead, input),
    'contract settings invalid: unknown time zone "Mars/Olympus"',
  )
  assert.equal(
    skipReason({ ...contract, caps: [{ period: 'fortnight' as any, count: 1 }] }, lead, input),
    'contract settings invalid: cap period "fortnight"',
  )
  assert.equal(
    skipReason({ ...contract, delivery: { kind: 'call_queue' as const } }, lead, input),
    'call queue delivery not available',
  )
})
