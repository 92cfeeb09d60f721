import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { alignFieldNames } from '../../../src/core/intake/align-field-names.js'
import { parseSourceSettings, postCapSlots } from '../../../src/core/intake/source-settings.js'
import { suppressionCandidates } from '../../../src/core/intake/suppression-candidates.js'
import type { FieldSpec } from '../../../src/core/leads/field-spec.js'
import { parseLead } from '../../../src/core/leads/parse-lead.js'

const SPECS: FieldSpec[] = [
  { name: 'Email', type: 'email', required: true },
  { name: 'Phone', type: 'phone' },
  { name: 'Zip', type: 'postal_code' },
  { name: 'Note', type: 'text' },
]

describe('intake helpers', () => {
  test('source settings: post caps, time zone, allowed lead types, QC hold; junk ignored', () => {
    const settings = parseSourceSettings(
      JSON.stringify({
        postCaps: [
          { period: 'day', count: 5 },
          { period: 'year', count: 1 },
          { period: 'hour', count: -1 },
        ],
        timeZone: 'America/New_York',
        allowedLeadTypes: [1, '2', 'x'],
        qcHold: true,
        caps: [{ period: 'day', count: 1 }],
      }),
    )
    assert.deepEqual(settings, {
      postCaps: [{ period: 'day', count: 5 }],
      timeZone: 'America/New_York',
      allowedLeadTypes: [1, 2],
      qcHold: true,
      test: false,
    })
    assert.deepEqual(parseSourceSettings('not json').postCaps, [])
    assert.equal(parseSourceSettings('{"test": true}').test, true)
    assert.equal(parseSourceSettings('{"test": "yes"}').test, false)
  })

  test('post cap slots count per source in the source’s own day', () => {
    const settings = parseSourceSettings(
      JSON.stringify({ postCaps: [{ period: 'day', count: 5 }], timeZone: 'America/New_York' }),
    )
    const [slot] = postCapSlots(7, settings, new Date('2026-11-23T03:00:00Z'))
    assert.deepEqual(slot, { subject: 'source-posts:7', window: 'day:2026-11-22', limit: 5, period: 'day' })
  })

  test('field names align to the lead type without regard to case', () => {
    assert.deepEqual(alignFieldNames(SPECS, { email: 'a@b.co', ZIP: '89101', Other: 'x' }), {
      Email: 'a@b.co',
      Zip: '89101',
      Other: 'x',
    })
  })

  test('suppression candidates: valid email, phone and postal code values, normalized', () => {
    const lead = parseLead(
      SPECS,
      { Email: 'A@B.co', Phone: '(702) 555-1212', Zip: 'bad', Note: 'n' },
      new Date(),
    )
    assert.deepEqual(suppressionCandidates(SPECS, lead), [
      { kind: 'email', value: 'a@b.co', field: 'Email' },
      { kind: 'phone', value: '+17025551212', field: 'Phone' },
    ])
  })
})
