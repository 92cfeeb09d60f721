import type { AuditContext, Caller } from '../accounts/caller.js'
import { SYSTEM } from '../accounts/caller.js'
import { ALL, expand, PERMISSIONS } from '../accounts/permissions.js'
import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'
import { generateSecret } from '../secrets.js'
import { found, removed } from './admin-errors.js'
import type { CredentialFilter, CredentialRecord } from './config-records.js'
import type { CredentialStore } from './config-stores.js'
import { valueOrThrow } from './problems.js'
import { validateCredential } from './validate-credential.js'

/** A new credential with its secret, which is shown to the caller once and never stored. */
export type IssuedCredential = CredentialRecord & { secret: string }

/** Who is acting: the caller (for what it may grant) and the audit row's who. */
export interface ActingAs {
  by?: Caller | null
  audit?: AuditContext
}

/** How long a rotated key keeps working unless the caller says otherwise (docs/accounts.md). */
export const DEFAULT_GRACE_HOURS = 24
export const MAX_GRACE_HOURS = 24 * 30

/** API keys and bearer tokens of admins, sources, buyers, diallers and CAKE callers. docs/api.md, "Credentials". */
export interface CredentialAdmin {
  list(filter: CredentialFilter): Promise<CredentialRecord[]>
  get(id: number): Promise<CredentialRecord>
  issue(input: unknown, as?: ActingAs): Promise<IssuedCredential>
  /** A new secret for the same owner and permissions; the old one works for `graceHours` more. */
  rotate(id: number, graceHours: number | undefined, as?: ActingAs): Promise<IssuedCredential>
  revoke(id: number, as?: ActingAs): Promise<void>
  /**
   * Outside demo mode the admin API needs a key: the operator's LEADFLOW_ADMIN_KEY (stored as
   * given, unvalidated: the operator chose it, and it replaces the one planted from an earlier
   * value), or one generated when no admin key exists yet. Returns the generated key, which the
   * caller shows once. Both hold every permission (`*`).
   */
  ensureAdminKey(configured: string | undefined): Promise<string | undefined>
}

/** Generated secrets start with a prefix naming their owner kind, so a leaked key is recognisable. */
const PREFIXES: Record<string, string> = {
  admin: 'lfa',
  source: 'lfs',
  buyer: 'lfb',
  dialler: 'lfd',
  cake: 'lfc',
}

/** A key never does more than the caller who made it: each permission must be the caller's own. */
function mayGrant(by: Caller | null | undefined, permissions: readonly string[]): void {
  if (!by) return
  const wanted = permissions.includes(ALL) ? PERMISSIONS : [...expand(permissions)]
  const lacking = wanted.filter((p) => !by.permissions.has(p))
  if (lacking.length)
    throw new LeadflowError('LF_FORBIDDEN', `${by.label} may not grant ${lacking.join(', ')}`, lacking)
}

export function createCredentialAdmin(store: CredentialStore, clock: Clock): CredentialAdmin {
  const get = async (id: number) => found(await store.find(id, clock.now()), `credential with id ${id}`)
  return {
    list: (filter) => store.list(filter, clock.now()),
    get,
    async issue(input, as = {}) {
      const now = clock.now()
      const spec = valueOrThrow(validateCredential(input, now))
      mayGrant(as.by, spec.permissions)
      const secret = spec.secret ?? generateSecret(PREFIXES[spec.owner_kind]!)
      const change = { audit: as.audit ?? SYSTEM, action: 'credential.issue' }
      return { ...(await store.issue({ ...spec, secret }, change, now)), secret }
    },
    async rotate(id, graceHours = DEFAULT_GRACE_HOURS, as = {}) {
      if (!Number.isInteger(graceHours) || graceHours < 0 || graceHours > MAX_GRACE_HOURS)
        throw new LeadflowError('LF_VALIDATION', `grace_hours must be 0 to ${MAX_GRACE_HOURS}`)
      const old = await get(id)
      mayGrant(as.by, old.permissions)
      const now = clock.now()
      const secret = generateSecret(PREFIXES[old.owner_kind] ?? 'lfk')
      const graceUntil = new Date(now.getTime() + graceHours * 3_600_000)
      const change = { audit: as.audit ?? SYSTEM, action: 'credential.rotate' }
      const next = await store.rotate(id, secret, graceUntil, change, now)
      if (!next)
        throw new LeadflowError('LF_CONFLICT', `Credential ${id} is revoked, expired or rotated already`)
      return { ...next, secret }
    },
    revoke: async (id, as = {}) =>
      removed(
        await store.revoke(id, { audit: as.audit ?? SYSTEM, action: 'credential.revoke' }, clock.now()),
        `credential with id ${id}`,
      ),
    async ensureAdminKey(configured) {
      const admin = { ownerKind: 'admin', ownerId: null, kind: 'bearer', permissions: [ALL] } as const
      if (configured) {
        await store.replaceBootstrap(
          { ...admin, secret: configured, label: 'LEADFLOW_ADMIN_KEY' },
          clock.now(),
        )
        return undefined
      }
      if (await store.exists('admin')) return undefined
      const key = generateSecret(PREFIXES.admin!)
      await store.plant({ ...admin, secret: key, label: 'generated at first start' }, clock.now())
      return key
    },
  }
}
