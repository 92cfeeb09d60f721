import { PERMISSIONS, type Permission } from './permissions.js'

/** Named sets of permissions (DESIGN.md, "People and permissions"); docs/accounts.md tabulates them. */
export const ROLES = ['owner', 'admin', 'operator', 'analyst', 'buyer', 'seller'] as const
export type Role = (typeof ROLES)[number]

/** Partner roles see only their own records: a buyer user carries buyer_id, a seller user source_id. */
export const PARTNER_ROLES: readonly Role[] = ['buyer', 'seller']

const READS: readonly Permission[] = PERMISSIONS.filter((p) => p.endsWith(':read') && p !== 'users:read')

const OPERATOR: readonly Permission[] = [
  ...READS.filter((p) => p !== 'credentials:read' && p !== 'audit:read'),
  'qc:decide',
  'leads:distribute',
  'returns:decide',
  'contracts:switch',
  'dialler:write',
  'dialler:calls',
  'suppression:write',
]

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  // Everything but managing people, so an admin cannot make itself (or anyone) an owner.
  admin: PERMISSIONS.filter((p) => p !== 'users:write'),
  operator: OPERATOR,
  analyst: READS.filter((p) => p !== 'credentials:read' && p !== 'audit:read'),
  // The partner portals are a later issue: until then their users hold no admin-API permission.
  buyer: [],
  seller: [],
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export function roleGrants(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role])
}
