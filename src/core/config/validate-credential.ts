import { isPermission } from '../accounts/permissions.js'
import { cidrProblem } from '../net/cidr.js'
import { ID_RULE, int, list, noUnknownKeys, objectAt, oneOf, optionalText, text } from './check.js'
import { type Checked, checked, Problems } from './problems.js'

export const OWNER_KINDS = ['admin', 'source', 'buyer', 'dialler', 'cake'] as const
export const CREDENTIAL_KINDS = ['bearer', 'api_key'] as const
/** Owners that are rows: their credential must name one (sources.id, buyers.id). */
export const OWNED_KINDS: readonly string[] = ['source', 'buyer']

export interface CredentialSpec {
  owner_kind: (typeof OWNER_KINDS)[number]
  owner_id: number | null
  kind: (typeof CREDENTIAL_KINDS)[number]
  label: string
  /** Caller-chosen secret; when absent leadflow generates one and shows it once. */
  secret?: string
  expires_at: string | null
  /** What an admin key may do (src/core/accounts/permissions.ts); `*` is every permission. */
  permissions: string[]
  /** CIDR blocks the key may be used from; empty: anywhere. */
  allowed_cidrs: string[]
}

// `scopes` is the field's name before permissions were enforced; it is read as `permissions`.
const KEYS = [
  'owner_kind',
  'owner_id',
  'kind',
  'label',
  'secret',
  'expires_at',
  'permissions',
  'scopes',
  'allowed_cidrs',
]

export function validateCredential(input: unknown, now: Date): Checked<CredentialSpec> {
  const p = new Problems()
  const o = objectAt(p, [], input)
  noUnknownKeys(p, [], o, KEYS)
  const ownerKind = oneOf(p, ['owner_kind'], o.owner_kind, OWNER_KINDS)
  const spec: CredentialSpec = {
    owner_kind: ownerKind,
    owner_id:
      o.owner_id === undefined || o.owner_id === null ? null : int(p, ['owner_id'], o.owner_id, ID_RULE),
    kind: oneOf(p, ['kind'], o.kind, CREDENTIAL_KINDS, 'bearer'),
    label: optionalText(p, ['label'], o.label) ?? '',
    expires_at: expiry(p, o.expires_at, now),
    permissions: permissionList(
      p,
      o.permissions === undefined ? 'scopes' : 'permissions',
      o.permissions ?? o.scopes,
    ),
    allowed_cidrs: list(p, ['allowed_cidrs'], o.allowed_cidrs).map((c, i) => {
      const cidr = text(p, ['allowed_cidrs', i], c, undefined, 50)
      const problem = cidr ? cidrProblem(cidr) : undefined
      if (problem) p.add(['allowed_cidrs', i], problem)
      return cidr
    }),
  }
  if (ownerKind !== 'admin' && spec.permissions.length)
    p.add(['permissions'], 'only admin keys carry permissions; other keys answer their own protocol')
  if (OWNED_KINDS.includes(ownerKind) && spec.owner_id === null)
    p.add(['owner_id'], `is required for a ${ownerKind} credential`)
  if (ownerKind === 'admin' && spec.owner_id !== null)
    p.add(['owner_id'], 'must be empty for an admin credential')
  if (o.secret !== undefined) {
    // A guessable secret defeats the point of a key; 8 characters is the floor ("demo-api-key" passes).
    const secret = text(p, ['secret'], o.secret, undefined, 200)
    if (secret && (secret.length < 8 || /\s/.test(secret)))
      p.add(['secret'], 'must be at least 8 characters without spaces')
    spec.secret = secret
  }
  return checked(p, spec)
}

function permissionList(p: Problems, key: string, value: unknown): string[] {
  return list(p, [key], value).map((s, i) => {
    const name = text(p, [key, i], s, undefined, 100)
    if (name && !isPermission(name)) p.add([key, i], `unknown permission "${name}" (docs/accounts.md)`)
    return name
  })
}

function expiry(p: Problems, value: unknown, now: Date): string | null {
  if (value === undefined || value === null) return null
  const at = typeof value === 'string' ? new Date(value) : new Date(Number.NaN)
  if (Number.isNaN(at.getTime())) {
    p.add(['expires_at'], `must be an ISO-8601 time, got ${JSON.stringify(value)}`)
    return null
  }
  if (at <= now) p.add(['expires_at'], 'must be in the future')
  return at.toISOString()
}
