import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import { isPrivateAddress } from '../core/net/private-address.js'

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

/**
 * Resolves the URL's host and throws PrivateAddressError when any address is not public, unless
 * the operator allowed it (LEADFLOW_OUTBOUND_ALLOW), as Svix does for webhooks: a caller-supplied
 * `returnurl` must not reach the operator's internal network (DESIGN.md, Security and data).
 */
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
