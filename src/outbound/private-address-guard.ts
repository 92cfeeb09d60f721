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
  ['::ffff:0:0', 96],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6')
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return blocked.check(address, 'ipv4')
  if (family === 6) return blocked.check(address, 'ipv6')
  return true
}

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError'
}

/** Resolves the URL's host and throws PrivateAddressError when any address is not public. */
export async function assertPublicUrl(url: URL, allow: readonly string[]): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (allow.includes(host) || allow.includes('*')) return
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true })
  for (const { address } of addresses) {
    if (allow.includes(address)) continue
    if (isPrivateAddress(address)) {
      throw new PrivateAddressError(
        `Refusing to call ${url.host}: ${address} is a private or loopback address`,
      )
    }
  }
}
