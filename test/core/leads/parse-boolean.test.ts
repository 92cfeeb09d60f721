import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('the usual spellings of yes and no, in any case', () => {
  for (const raw of ['true', 'TRUE', 'yes', 'Y', '1', 'on', 'On']) {
    assert.deepEqual(parseAs('boolean', raw).components, { value: true }, raw)
    assert.equal(parseAs('boolean', raw).normal, 'true')
  }
  for (const raw of ['false', 'No', 'n', '0', 'OFF'])
    assert.equal(parseAs('boolean', raw).normal, 'false', raw)
})

test('anything else is invalid', () => {
  for (const raw of ['maybe', '2', 'yes!', 'constructor', '__proto__']) {
    assert.equal(parseAs('boolean', raw).valid, false, raw)
  }
})
