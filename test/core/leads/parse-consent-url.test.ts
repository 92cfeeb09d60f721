import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

const CERT = '0123456789abcdef0123456789abcdef01234567'
const TOKEN = '4F3A2B1C-1234-5678-9ABC-DEF012345678'

test('a TrustedForm certificate URL yields its certificate id', () => {
  for (const raw of [
    `https://cert.trustedform.com/${CERT}`,
    `http://cert.trustedform.com/${CERT.toUpperCase()}`,
    `https://cert.trustedform.com/${CERT}?shared_token=x`,
  ]) {
    const value = parseAs('consent_url', raw)
    assert.equal(value.valid, true, raw)
    assert.equal(value.normal, `https://cert.trustedform.com/${CERT}`)
    assert.equal(value.components.provider, 'trustedform')
    assert.equal(value.components.certificateId, CERT)
  }
})

test('a Jornaya LeadiD token, bare or inside a LeadiD URL, yields its lead id', () => {
  for (const raw of [TOKEN, TOKEN.toLowerCase(), `https://api.leadid.com/SingleQuery?lac=x&id=${TOKEN}`]) {
    const value = parseAs('consent_url', raw)
    assert.equal(value.valid, true, raw)
    assert.equal(value.normal, TOKEN)
    assert.deepEqual(value.components, { provider: 'jornaya', leadId: TOKEN })
  }
})

test('anything else is invalid', () => {
  const bad = [
    'https://example.com/',
    `https://cert.trustedform.com/${CERT.slice(1)}`,
    `https://cert.trustedform.com.evil.com/${CERT}`,
    `https://example.com/?id=${TOKEN}`,
    'not a token',
  ]
  for (const raw of bad) assert.equal(parseAs('consent_url', raw).valid, false, raw)
})
