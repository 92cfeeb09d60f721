import type { Clock } from '../ports.js'
import { generateSecret } from '../secrets.js'
import { found, removed } from './admin-errors.js'
import type { CredentialFilter, CredentialRecord } from './config-records.js'
import type { CredentialStore } from './config-stores.js'
import { valueOrThrow } from './problems.js'
import { validateCredential } from './validate-credential.js'

/** A new credential with its secret, which is shown to the caller once and never stored. */
export type IssuedCredential = CredentialRecord & { secret: string }

/** API keys and bearer tokens of admins, sources, buyers, diallers and CAKE callers. docs/api.md, "Credentials". */
export interface CredentialAdmin {
  list(filter: CredentialFilter): Promise<CredentialRecord[]>
  get(id: number): Promise<CredentialRecord>
  issue(input: unknown): Promise<IssuedCredential>
  revoke(id: number): Promise<void>
  /**
   * Outside demo mode the admin API needs a key: the operator's LEADFLOW_ADMIN_KEY (stored as
   * given, unvalidated: the operator chose it), or one generated when no admin key exists yet.
   * Returns the generated key, which the caller shows once.
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

export function createCredentialAdmin(store: CredentialStore, clock: Clock): CredentialAdmin {
  return {
    list: (filter) => store.list(filter, clock.now()),
    get: async (id) => found(await store.find(id, clock.now()), `credential with id ${id}`),
    async issue(input) {
      const now = clock.now()
      const spec = valueOrThrow(validateCredential(input, now))
      const secret = spec.secret ?? generateSecret(PREFIXES[spec.owner_kind]!)
      return { ...(await store.issue({ ...spec, secret }, now)), secret }
    },
    revoke: async (id) => removed(await store.revoke(id, clock.now()), `credential with id ${id}`),
    async ensureAdminKey(configured) {
      const admin = { ownerKind: 'admin', ownerId: null, kind: 'bearer' } as const
      if (configured) {
        await store.plant({ ...admin, secret: configured, label: 'LEADFLOW_ADMIN_KEY' }, clock.now())
        return undefined
      }
      if (await store.exists('admin')) return undefined
      const key = generateSecret(PREFIXES.admin!)
      await store.plant({ ...admin, secret: key, label: 'generated at first start' }, clock.now())
      return key
    },
  }
}
