import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('codes and names in any case become the 2-letter code', () => {
  for (const raw of ['ny', 'NY', 'New York', 'new york', '  NEW   YORK ']) {
    const value = parseAs('state', raw)
    assert.equal(value.normal, 'NY', raw)
    assert.deepEqual(value.components, { code: 'NY', name: 'New York', country: 'US' })
  }
})

test('DC, territories and Canadian provinces are known', () => {
  const cases: Array<[string, string, string]> = [
    ['Washington DC', 'DC', 'US'],
    ['d.c.', 'DC', 'US'],
    ['Puerto Rico', 'PR', 'US'],
    ['gu', 'GU', 'US'],
    ['US Virgin Islands', 'VI', 'US'],
    ['American Samoa', 'AS', 'US'],
    ['Northern Mariana Islands', 'MP', 'US'],
    ['Québec', 'QC', 'CA'],
    ['PQ', 'QC', 'CA'],
    ['Newfoundland', 'NL', 'CA'],
    ['british columbia', 'BC', 'CA'],
  ]
  for (const [raw, code, country] of cases) {
    const value = parseAs('state', raw)
    assert.equal(value.normal, code, raw)
    assert.equal(value.components.country, country, raw)
  }
})

test('unknown states are invalid', () => {
  for (const raw of ['XX', 'Atlantis', 'N Y', 'AE']) {
    const value = parseAs('state', raw, { label: 'State' })
    assert.equal(value.valid, false, raw)
    assert.equal(value.error, 'State is not a US state or Canadian province')
  }
})
