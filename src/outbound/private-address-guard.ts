import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { buildConnector } from 'undici'
import { isPrivateAddress } from '../core/net/private-address.js'

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError'
}

/** An allow-list entry is a host name, an address, a CIDR range (10.0.0.0/8) or `*`. */
export function allowed(entries: readonly string[], hostOrAddress: string): boolean {
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

function refusal(host: string, address: string): PrivateAddressError {
  return new PrivateAddressError(
    `Refusing to connect to ${host}: ${address} is a private or loopback address`,
  )
}

/** The first address of `addresses` that is private and not allowed, if any. */
function firstRefused(allow: readonly string[], addresses: readonly string[]): string | undefined {
  return addresses.find((address) => isPrivateAddress(address) && !allowed(allow, address))
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/**
 * A `lookup` for net/tls.connect that refuses the connection when any resolved address is private
 * and not allowed (LEADFLOW_OUTBOUND_ALLOW). The socket connects to exactly the addresses checked
 * here, so there is no window between the check and the connect for DNS rebinding (issue 12;
 * Svix's outbound guard does the same check inside its resolver).
 */
export function guardedLookup(allow: readonly string[]) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const refused = firstRefused(
        allow,
        addresses.map((a) => a.address),
      )
      if (refused) return callback(refusal(hostname, refused), [])
      if (options.all) return callback(null, addresses)
      const first = addresses[0]
      if (!first)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), [])
      callback(null, first.address, first.family)
    })
  }
}

/**
 * undici's `connect` for the guarded Agent: runs for every new connection — the first URL and
 * every redirect hop alike. An address literal never reaches `lookup` (net.connect skips it), so it
 * is judged here; a host name the operator allowed by name is not resolved for the check.
 */
export function guardedConnector(allow: readonly string[], options: buildConnector.BuildOptions = {}) {
  const connect = buildConnector({ ...options, lookup: guardedLookup(allow) } as buildConnector.BuildOptions)
  const unchecked = buildConnector(options)
  return (opts: buildConnector.Options, callback: buildConnector.Callback): void => {
    const host = opts.hostname.replace(/^\[|\]$/g, '')
    if (allowed(allow, host)) return void unchecked(opts, callback)
    if (isIP(host)) {
      if (firstRefused(allow, [host])) return void callback(refusal(host, host), null)
      return void unchecked(opts, callback)
    }
    connect(opts, callback)
  }
}
