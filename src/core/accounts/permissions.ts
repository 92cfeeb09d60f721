/**
 * The one list of permissions (DESIGN.md, "People and permissions"). Every route declares the one
 * it needs as Fastify route config, `{ config: { permission: 'reports:read' } }`; users get them
 * through their role, API keys carry a list. docs/accounts.md has the roles × permissions table.
 */
export const PERMISSIONS = [
  'config:read',
  'config:write',
  'credentials:read',
  'credentials:write',
  'leads:read',
  /**
   * Send a stored lead again: re-send it to one contract, or offer unsold or returned leads to
   * aged-lead contracts (docs/api.md, "Leads"; docs/distribution.md, "Re-distribution").
   */
  'leads:redistribute',
  'privacy:purge',
  'qc:decide',
  'returns:read',
  'returns:decide',
  'contracts:switch',
  'dialler:read',
  'dialler:write',
  /** Take and report calls: what a dialler key does (docs/dialler.md). */
  'dialler:calls',
  'suppression:read',
  'suppression:write',
  'reasons:read',
  'reasons:write',
  'reports:read',
  'ledger:read',
  'ledger:write',
  'statements:read',
  'users:read',
  'users:write',
  'audit:read',
  'sandbox:read',
  /** Webhook endpoints and their delivery log (docs/webhooks.md); write registers, rotates, replays. */
  'webhooks:read',
  'webhooks:write',
  /** Alert rules (docs/operations.md, "Alerts"). */
  'alerts:read',
  'alerts:write',
  /**
   * The partner portals (docs/portals.md): a buyer's own purchases, returns, statements; a
   * seller's own posts, rates, statements and posting instructions. Only a caller that carries
   * the buyer_id (resp. source_id) gets past them: an operator holding the permission gets 403.
   */
  'portal:buyer',
  'portal:seller',
] as const

export type Permission = (typeof PERMISSIONS)[number]

/**
 * What a route declares instead of a permission when it needs none from this list: health,
 * metrics, the console's files, the session routes, and the vendor protocols, which check their
 * own credentials (a source's password, a buyer's or CAKE key). Any other route without a
 * declared permission is refused (src/http/authorize.ts).
 */
export const PUBLIC = 'public'

/** Only the session routes: any signed-in caller (user or key), no particular permission. */
export const SIGNED_IN = 'signed-in'

export type RoutePermission = Permission | typeof PUBLIC | typeof SIGNED_IN

/** A key or user holding `*` holds every permission, including ones added later (the bootstrap key). */
export const ALL = '*'

const KNOWN: ReadonlySet<string> = new Set([...PERMISSIONS, ALL])

export function isPermission(value: string): value is Permission | typeof ALL {
  return KNOWN.has(value)
}

export function isRoutePermission(value: unknown): value is RoutePermission {
  return (
    value === PUBLIC ||
    value === SIGNED_IN ||
    (typeof value === 'string' && KNOWN.has(value) && value !== ALL)
  )
}

/** Expands a stored list (which may hold `*`) into the permissions it grants. */
export function expand(list: readonly string[]): ReadonlySet<Permission> {
  if (list.includes(ALL)) return new Set(PERMISSIONS)
  return new Set(list.filter((p): p is Permission => KNOWN.has(p) && p !== ALL))
}
