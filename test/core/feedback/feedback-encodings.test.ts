import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { LeadflowError } from '../../../src/core/errors.js'
import { decodeFeedback } from '../../../src/protocols/leadconduit/decode-feedback.js'
import { chooseFormat, encodeResult } from '../../../src/protocols/leadconduit/encode-result.js'

describe('LeadConduit feedback encodings (no database)', () => {
  test('Accept picks the answer format by quality; */* and none fall back', () => {
    assert.equal(chooseFormat('text/xml', 'json'), 'xml')
    assert.equal(chooseFormat('application/json;q=0.5, text/plain', 'xml'), 'text')
    assert.equal(chooseFormat('*/*', 'xml'), 'xml')
    assert.equal(chooseFormat(undefined, 'json'), 'json')
    assert.equal(chooseFormat('image/png', 'json'), 'json')
  })

  test('answers have the document shapes', () => {
    assert.equal(encodeResult({ outcome: 'success' }, 'text'), 'outcome: success')
    assert.equal(
      encodeResult({ outcome: 'failure', reason: 'r' }, 'json'),
      '{"outcome":"failure","reason":"r"}',
    )
    assert.equal(
      encodeResult({ outcome: 'failure', reason: 'a & b' }, 'xml'),
      '<?xml version="1.0" encoding="utf-8" ?>\n<result>\n  <outcome>failure</outcome>\n  <reason>a &amp; b</reason>\n</result>\n',
    )
  })

  test('XML predefined entities decode; declared entities are refused', () => {
    const ok = decodeFeedback(
      'text/xml',
      '<feedback><type>return</type><reason>Bad &amp; wrong &#233;</reason></feedback>',
    )
    assert.deepEqual(ok, { type: 'return', reason: 'Bad & wrong é', format: 'xml' })
    assert.throws(
      () => decodeFeedback('text/xml', '<!DOCTYPE a [<!ENTITY b "c">]><feedback><type>&b;</type></feedback>'),
      (e: LeadflowError) => e.code === 'LF_BAD_REQUEST',
    )
  })

  test('the Content-Type decides the decoder', () => {
    assert.equal(
      decodeFeedback('application/json; charset=utf-8', '{"type":"conversion"}').type,
      'conversion',
    )
    assert.equal(
      decodeFeedback('application/x-www-form-urlencoded', 'type=return&reason=Wrong+number').reason,
      'Wrong number',
    )
    assert.throws(
      () => decodeFeedback(undefined, 'type=return'),
      (e: LeadflowError) => e.code === 'LF_UNSUPPORTED_MEDIA_TYPE',
    )
  })
})
