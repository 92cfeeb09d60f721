import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { failingFilter } from '../../../src/core/distribution/filters.js'
import { toFieldValues } from '../../../src/core/distribution/lead-view.js'

const subject = (fields: Record<string, unknown>, sourceVid: number | null = 1, partial = false) => ({
  fields: toFieldValues(fields),
  sourceVid,
  partial,
})

test('each operator passes and fails with a reason', () => {
  const s = subject({ State: 'CA', Zip: '90210-1234', Age: { raw: '42', normal: 42 }, Email: 'a@gmail.com' })
  assert.equal(failingFilter([{ op: 'equals', field: 'state', value: 'ca' }], s), null)
  assert.equal(failingFilter([{ op: 'not_equals', field: 'State', value: 'CA' }], s), 'State is CA')
  assert.equal(failingFilter([{ op: 'in', field: 'State', values: ['NY', 'CA'] }], s), null)
  assert.equal(failingFilter([{ op: 'not_in', field: 'State', values: ['CA'] }], s), 'State CA is in [CA]')
  assert.equal(
    failingFilter([{ op: 'range', field: 'Age', min: 18, max: 40 }], s),
    'Age 42 not in range 18..40',
  )
  assert.equal(failingFilter([{ op: 'range', field: 'Age', min: 18 }], s), null)
  assert.equal(failingFilter([{ op: 'regex', field: 'Email', pattern: 'GMAIL', flags: 'i' }], s), null)
  assert.equal(failingFilter([{ op: 'present', field: 'Phone' }], s), 'Phone is missing')
  assert.equal(failingFilter([{ op: 'absent', field: 'Phone' }], s), null)
  assert.equal(failingFilter([{ op: 'state_not_in', values: ['AK', 'HI'] }], s), null)
  assert.equal(
    failingFilter([{ op: 'postal_code_in', values: ['90210'] }], s),
    null,
    'ZIP+4 matches its base',
  )
  assert.equal(failingFilter([{ op: 'postal_code_in', values: ['100*'] }], s), 'Zip 90210-1234 not in [100*]')
  assert.equal(failingFilter([{ op: 'source_in', values: [1, 2] }], s), null)
  assert.equal(failingFilter([{ op: 'source_not_in', values: [1] }], s), 'source 1 is in [1]')
  assert.match(failingFilter([{ op: 'regex', field: 'Email', pattern: '(' }], s) ?? '', /invalid/)
})

test('a missing field fails value filters, except on a partial (ping) lead', () => {
  assert.equal(failingFilter([{ op: 'in', field: 'State', values: ['CA'] }], subject({})), 'State is missing')
  assert.equal(failingFilter([{ op: 'in', field: 'State', values: ['CA'] }], subject({}, 1, true)), null)
  assert.equal(
    failingFilter([{ op: 'in', field: 'State', values: ['CA'] }], subject({ State: 'TX' }, 1, true)),
    'State TX not in [CA]',
  )
})

test('in and not_in are exact complements for a present value', () => {
  fc.assert(
    fc.property(
      fc.string({ minLength: 1 }).filter((v) => v.trim() !== ''),
      fc.array(fc.string()),
      (value, values) => {
        const s = subject({ F: value })
        const inside = failingFilter([{ op: 'in', field: 'F', values }], s) === null
        const outside = failingFilter([{ op: 'not_in', field: 'F', values }], s) === null
        return inside !== outside
      },
    ),
  )
})
