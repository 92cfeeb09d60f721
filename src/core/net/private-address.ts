import { BlockList, isIP } from 'node:net'

/**
 * Addresses that are not on the public internet (RFC 6890 special-purpose ranges: "this network",
 * private use, CGNAT, loopback, link-local, benchmarking, multicast, reserved; IPv6 unspecified,
 * loopback, unique-local, link-local, multicast). One list for the outbound guard (no buyer call
 * or callback to them unless allowed) and for the `private` component of an IP field.
 */
const blocked = new BlockList()
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4')
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6')
}

// IPv4-mapped IPv6 (::ffff:a.b.c.d) is judged as the IPv4 address it carries. It is not listed as a
// ::ffff:0:0/96 subnet because BlockList applies mapped subnets to plain IPv4 too: that entry
// would have refused every IPv4 address, public ones included.
const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i
const MAPPED_V4_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i

/** True for a non-public address, and for anything that is not an IP address at all. */
export function isPrivateAddress(address: string): boolean {
  address = address.split('%')[0]!
  const mapped = MAPPED_V4.exec(address)
  if (mapped) return isPrivateAddress(mapped[1]!)
  const hex = MAPPED_V4_HEX.exec(address)
  if (hex) {
    const high = Number.parseInt(hex[1]!, 16)
    const low = Number.parseInt(hex[2]!, 16)
    return isPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`)
  }
  const family = isIP(address)
  if (family === 4) return blocked.check(address, 'ipv4')
  if (family === 6) return blocked.check(address, 'ipv6')
  return true
}
