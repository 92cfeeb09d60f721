import { isIP } from 'node:net'
import { isPrivateAddress } from '../net/private-address.js'
import { accepted, type ParseOutcome, rejected } from './field-parser.js'

/**
 * IPv6 in its RFC 5952 text form (lower case, longest zero run compressed), which the WHATWG
 * URL host serializer produces. A zone id ("%eth0") cannot go through URL; it stays as given.
 */
function canonicalIpv6(address: string): string {
  const lower = address.toLowerCase()
  if (lower.includes('%')) return lower
  try {
    return mappedIpv4(new URL(`http://[${lower}]/`).hostname.slice(1, -1))
  } catch {
    return lower
  }
}

/** RFC 5952 section 5: an IPv4-mapped address keeps its dotted quad (::ffff:192.0.2.1). */
function mappedIpv4(address: string): string {
  const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address)
  if (!match) return address
  const high = Number.parseInt(match[1], 16)
  const low = Number.parseInt(match[2], 16)
  return `::ffff:${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
}

/** IPv4 or IPv6 address; components version and private (not a public internet address). */
export function parseIp(input: string): ParseOutcome {
  const version = isIP(input)
  if (version !== 4 && version !== 6) return rejected(input, 'is not a valid IP address')
  const normal = version === 6 ? canonicalIpv6(input) : input
  return accepted(normal, { version, private: isPrivateAddress(normal) })
}
