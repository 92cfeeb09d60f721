import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseAs } from './parse-as.js'

test('IPv4 is kept as written, with its version', () => {
  const value = parseAs('ip', '192.0.2.10')
  assert.equal(value.normal, '192.0.2.10')
  assert.deepEqual(value.components, { version: 4, private: false })
})

test('IPv6 is written in its canonical RFC 5952 form', () => {
  assert.equal(parseAs('ip', '2001:DB8:0:0:0:0:0:1').normal, '2001:db8::1')
  assert.equal(parseAs('ip', '2001:0db8::0001').normal, '2001:db8::1')
  assert.equal(parseAs('ip', '::FFFF:192.0.2.1').normal, '::ffff:192.0.2.1')
  assert.equal(parseAs('ip', 'FE80::1%eth0').normal, 'fe80::1%eth0')
  assert.equal(parseAs('ip', '::1').components.version, 6)
})

test('anything else is invalid', () => {
  for (const raw of ['1.2.3', '256.1.1.1', '01.2.3.4', 'localhost', '2001:db8::g', '1.2.3.4/24']) {
    assert.equal(parseAs('ip', raw).valid, false, raw)
  }
})

test('private, loopback, link-local and CGNAT addresses are flagged', () => {
  for (const raw of [
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.1.1',
    '100.64.0.1',
    '0.0.0.0',
  ]) {
    assert.equal(parseAs('ip', raw).components.private, true, raw)
  }
  for (const raw of ['::1', '::', 'fd00::1', 'fe80::1%eth0', '::ffff:10.0.0.1']) {
    assert.equal(parseAs('ip', raw).components.private, true, raw)
  }
  for (const raw of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
    assert.equal(parseAs('ip', raw).components.private, false, raw)
  }
})
