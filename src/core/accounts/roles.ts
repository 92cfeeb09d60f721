import { PERMISSIONS, type Permission } from './permissions.js'

/** Named sets of permissions (DESIGN.md, "People and permissions"); docs/accounts.md tabulates them. */
export const ROLES = ['owner', 'admin', 'operator', 'analyst', 'buyer', 'seller'] as const
export type Role = (typeof ROLES)[number]

/** Partner roles see only their own records: a buyer user carries buyer_id, a seller user source_id. */
export const PARTNER_ROLES: readonly Role[] = ['buyer', 'seller']

const READS: readonly Permission[] = PERMISSIONS.filter((p) => p.endsWith(':read') && p !== 'users:read')
const PORTALS: readonly Permission[] = ['portal:buyer', 'portal:seller']

const OPERATOR: readonly Permission[] = [
  ...READS.filter((p) => p !== 'credentials:read' && p !== 'audit:read'),
  'qc:decide',
  'leads:redistribute',
  'returns:decide',
  'contracts:switch',
  'dialler:write',
  'dialler:calls',
  'suppression:write',
]

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Operators never hold the portals: they are a partner's view of its own records.
  owner: PERMISSIONS.filter((p) => !PORTALS.includes(p)),
  // Everything but managing people, so an admin cannot make itself (or anyone) an owner.
  admin: PERMISSIONS.filter((p) => p !== 'users:write' && !PORTALS.includes(p)),
  operator: OPERATOR,
  analyst: READS.filter((p) => p !== 'credentials:read' && p !== 'audit:read'),
  // Partners hold only their portal: every record it shows is scoped to their buyer_id / source_id.
  buyer: ['portal:buyer'],
  seller: ['portal:seller'],
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export function roleGrants(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role])
}
