import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isPrivateAddress } from '../../src/core/net/private-address.js'
import { assertPublicUrl, PrivateAddressError } from '../../src/outbound/private-address-guard.js'

test('private, loopback, link-local and mapped addresses are private; public ones are not', () => {
  for (const a of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fd00::1',
    '::ffff:127.0.0.1',
  ]) {
    assert.equal(isPrivateAddress(a), true, a)
  }
  for (const a of ['8.8.8.8', '93.184.216.34', '2606:4700::1111', '::ffff:8.8.8.8', '::ffff:808:808'])
    assert.equal(isPrivateAddress(a), false, a)
})

test('a private target is refused unless its host, address or CIDR range is allowed', async () => {
  const url = new URL('http://10.20.30.40:8080/cb')
  await assert.rejects(assertPublicUrl(url, []), PrivateAddressError)
  await assert.rejects(assertPublicUrl(url, ['10.0.0.1', '192.168.0.0/16']), PrivateAddressError)
  await assertPublicUrl(url, ['10.20.30.40'])
  await assertPublicUrl(url, ['10.0.0.0/8'])
  await assertPublicUrl(new URL('http://[::1]:9/x'), ['::1/128'])
  await assertPublicUrl(new URL('http://127.0.0.1:9/x'), ['*'])
  await assertPublicUrl(new URL('http://8.8.8.8/x'), [])
})
