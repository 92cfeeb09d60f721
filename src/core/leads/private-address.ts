import { BlockList } from 'node:net'

// Addresses that are not on the public internet: RFC 6890's special-purpose registries
// ("this network", private use, shared CGNAT space, loopback, link-local) and, for IPv6, the
// unspecified address, loopback, unique-local (RFC 4193) and link-local. A lead "from" one of
// them was not posted by a consumer's browser, which is what rules want to know.
const PRIVATE = new BlockList()
PRIVATE.addSubnet('0.0.0.0', 8, 'ipv4')
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4')
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4')
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4')
PRIVATE.addSubnet('169.254.0.0', 16, 'ipv4')
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4')
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4')
PRIVATE.addAddress('::', 'ipv6')
PRIVATE.addAddress('::1', 'ipv6')
PRIVATE.addSubnet('fc00::', 7, 'ipv6')
PRIVATE.addSubnet('fe80::', 10, 'ipv6')

/** Whether an address (as node:net's isIP accepts it) is private, loopback or link-local. */
export function isPrivateAddress(address: string, version: 4 | 6): boolean {
  const withoutZone = address.split('%')[0]
  return PRIVATE.check(withoutZone, version === 4 ? 'ipv4' : 'ipv6')
}
