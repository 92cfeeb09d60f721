import { BlockList, isIP } from 'node:net'

/** Checks one CIDR block (`203.0.113.0/24`, `2001:db8::/32`, or a bare address); undefined when valid. */
export function cidrProblem(value: string): string | undefined {
  const [address, bits, extra] = value.split('/')
  const family = isIP(address ?? '')
  if (!family || extra !== undefined) return `"${value}" is not an IP address or CIDR block`
  if (bits === undefined) return undefined
  const max = family === 4 ? 32 : 128
  const n = Number(bits)
  return /^\d{1,3}$/.test(bits) && n <= max ? undefined : `"${value}" has a prefix length outside 0–${max}`
}

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is checked as `192.0.2.1`. */
function plain(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip
}

/**
 * True when `ip` lies in one of `cidrs`, or when the list is empty (no allow-list set). A
 * credential's allow-list is checked wherever that credential is checked (docs/accounts.md).
 */
export function ipAllowed(ip: string | undefined, cidrs: readonly string[]): boolean {
  if (cidrs.length === 0) return true
  if (!ip) return false
  const address = plain(ip)
  const family = isIP(address)
  if (!family) return false
  const list = new BlockList()
  for (const cidr of cidrs) {
    const [base, bits] = cidr.split('/')
    const baseFamily = isIP(base!) === 6 ? 'ipv6' : 'ipv4'
    const prefix = bits === undefined ? (baseFamily === 'ipv4' ? 32 : 128) : Number(bits)
    list.addSubnet(base!, prefix, baseFamily)
  }
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4')
}
