import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseLenientJson } from '../../../src/protocols/comunik8/lenient-json.js'
import { ADD_DELAYED, ADD_TEST, CANCEL } from './examples.js'

describe('Comunik8 lenient JSON', () => {
  test('the delayed-call example parses, data becoming a JSON string of an object', () => {
    const body = parseLenientJson(ADD_DELAYED) as Record<string, unknown>
    assert.equal(body.delays, 600)
    assert.deepEqual(JSON.parse(body.data as string), {
      vehicle_make: 'Ford',
      addresss: '123 Greenacre Road',
    })
  })

  test('the test example parses despite the missing comma before "test"', () => {
    const body = parseLenientJson(ADD_TEST) as Record<string, unknown>
    assert.equal(body.test, true)
    assert.equal(body.type, 'motor-trade')
  })

  test('the cancel example parses despite its trailing comma', () => {
    assert.deepEqual(parseLenientJson(CANCEL), { mobile: '07840258823', type: 'motor-trade' })
  })

  test('valid JSON is never rewritten, even where a repair would apply', () => {
    const text = JSON.stringify({ path: 'C:\\', list: ',}', note: 'a\\"b' })
    assert.deepEqual(parseLenientJson(text), JSON.parse(text))
  })

  test('what no repair fixes is still an error', () => {
    assert.throws(() => parseLenientJson('{"a": '), SyntaxError)
    assert.throws(() => parseLenientJson('not json'), SyntaxError)
  })
})
