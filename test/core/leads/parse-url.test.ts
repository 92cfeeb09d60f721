import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('http and https URLs are normalized to their href', () => {
  const value = parseAs('url', 'HTTPS://Example.COM:443/a b?x=1')
  assert.equal(value.valid, true)
  assert.equal(value.normal, 'https://example.com/a%20b?x=1')
  assert.deepEqual(value.components, { host: 'example.com', hostname: 'example.com', protocol: 'https' })
  assert.equal(parseAs('url', 'http://example.com:8080').components.host, 'example.com:8080')
})

test('other schemes and relative or malformed URLs are invalid', () => {
  for (const raw of [
    'ftp://example.com',
    'javascript:alert(1)',
    'mailto:a@b.com',
    '/path',
    'example.com',
    'http://',
  ]) {
    assert.equal(parseAs('url', raw).valid, false, raw)
  }
})
