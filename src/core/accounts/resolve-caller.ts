import { ipAllowed } from '../net/cidr.js'
import type { Clock } from '../ports.js'
import { hashSecret } from '../secrets.js'
import type { ApiKeyLookup, ApiKeyRecord, UserRecord, UserStore } from './account-stores.js'
import type { Caller } from './caller.js'
import { expand, type Permission } from './permissions.js'
import { isRole, roleGrants } from './roles.js'

export type Resolution = { ok: true; caller: Caller; csrfHash?: string } | { ok: false; reason: string }

/**
 * Turns a presented session cookie or API key into a Caller (docs/accounts.md). Keys of every
 * owner kind are looked up; only admin keys (their own permission list) and dialler keys (take
 * and report calls) act on the admin API; source, buyer and CAKE keys answer their protocols only.
 */
export interface CallerResolver {
  bySession(token: string): Promise<Resolution>
  byKey(secret: string, ip: string | undefined): Promise<Resolution>
}

const DIALLER: ReadonlySet<Permission> = new Set(['dialler:calls'])

export function userCaller(user: UserRecord): Caller {
  const role = isRole(user.role) ? user.role : null
  return {
    kind: 'user',
    id: user.id,
    label: user.email,
    role,
    permissions: role ? roleGrants(role) : new Set(),
    buyerId: role === 'buyer' ? user.buyer_id : null,
    sourceId: role === 'seller' ? user.source_id : null,
    dialler: false,
  }
}

function keyCaller(key: ApiKeyRecord): Caller | undefined {
  const label = `key ${key.prefix}… (${key.label || `#${key.credentialId}`})`
  const base = {
    kind: 'key',
    id: key.credentialId,
    label,
    role: null,
    buyerId: null,
    sourceId: null,
  } as const
  if (key.ownerKind === 'admin') return { ...base, permissions: expand(key.permissions), dialler: false }
  if (key.ownerKind === 'dialler') return { ...base, permissions: DIALLER, dialler: true }
  return undefined
}

export function createCallerResolver(keys: ApiKeyLookup, users: UserStore, clock: Clock): CallerResolver {
  return {
    async bySession(token) {
      const found = await users.findSession(hashSecret(token), clock.now())
      if (!found) return { ok: false, reason: 'Session expired or signed out; sign in again' }
      if (found.user.status !== 'active') return { ok: false, reason: 'This user is disabled' }
      return { ok: true, caller: userCaller(found.user), csrfHash: found.csrfHash }
    },
    async byKey(secret, ip) {
      const now = clock.now()
      const key = await keys.find(secret, now)
      if (!key) return { ok: false, reason: 'API key is unknown' }
      if (key.state !== 'active') return { ok: false, reason: `API key is ${key.state}` }
      const caller = keyCaller(key)
      if (!caller) return { ok: false, reason: `A ${key.ownerKind} key cannot use the admin API` }
      if (!ipAllowed(ip, key.allowedCidrs))
        return { ok: false, reason: `API key may not be used from ${ip ?? 'an unknown address'}` }
      await keys.touch(key.credentialId, now)
      return { ok: true, caller }
    },
  }
}
