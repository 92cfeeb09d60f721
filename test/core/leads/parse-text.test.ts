import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('text is trimmed and loses control characters but keeps tabs and line breaks', () => {
  const value = parseAs('text', '  Hello\u0000 wor\u0007ld\r\nbye\u009f\t ')
  assert.equal(value.normal, 'Hello world\nbye')
  assert.equal(value.components.length, 15)
})

test('maxLength counts characters, not UTF-16 units', () => {
  assert.equal(parseAs('text', '😀😀😀', { maxLength: 3 }).valid, true)
  const long = parseAs('text', 'abcd', { maxLength: 3, label: 'Comment' })
  assert.equal(long.valid, false)
  assert.equal(long.error, 'Comment is longer than 3 characters')
})
