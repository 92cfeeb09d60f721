import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/**
 * Refuses outbound calls to private, loopback, link-local and other non-public addresses unless
 * the operator allowed the host (LEADFLOW_OUTBOUND_ALLOW), as Svix does for webhooks: a
 * caller-supplied `returnurl` must not reach the operator's internal network (DESIGN.md, Security).
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

export function isPrivateAddress(address: string): boolean {
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

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError'
}

/** An allow-list entry is a host name, an address, a CIDR range (10.0.0.0/8) or `*`. */
function allowed(entries: readonly string[], hostOrAddress: string): boolean {
  if (entries.includes('*') || entries.includes(hostOrAddress)) return true
  const family = isIP(hostOrAddress)
  if (family === 0) return false
  return entries.some((entry) => {
    const [net, bits] = entry.split('/')
    if (!net || bits === undefined || isIP(net) !== family) return false
    const list = new BlockList()
    list.addSubnet(net, Number(bits), family === 4 ? 'ipv4' : 'ipv6')
    return list.check(hostOrAddress, family === 4 ? 'ipv4' : 'ipv6')
  })
}

/** Resolves the URL's host and throws PrivateAddressError when any address is not public. */
export async function assertPublicUrl(url: URL, allow: readonly string[]): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (allowed(allow, host)) return
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true })
  for (const { address } of addresses) {
    if (isPrivateAddress(address) && !allowed(allow, address)) {
      throw new PrivateAddressError(
        `Refusing to call ${url.host}: ${address} is a private or loopback address`,
      )
    }
  }
}
