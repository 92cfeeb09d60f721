import type { Kysely } from 'kysely'
import type { AuditReader } from '../core/accounts/account-stores.js'
import type { Mailer } from '../core/accounts/mailer.js'
import { type CallerResolver, createCallerResolver } from '../core/accounts/resolve-caller.js'
import { createSessions, type Sessions } from '../core/accounts/sessions.js'
import { createUserAdmin, type UserAdmin } from '../core/accounts/user-admin.js'
import type { Clock } from '../core/ports.js'
import { createApiKeyLookup } from '../storage/api-key-store.js'
import { createAuditReader } from '../storage/audit-reader.js'
import type { Database } from '../storage/schema.js'
import { createUserStore } from '../storage/user-store.js'

/** People and permissions (docs/accounts.md): who is calling, users, sessions, the audit log. */
export interface AccountsServices {
  readonly callers: CallerResolver
  readonly sessions: Sessions
  readonly users: UserAdmin
  readonly audit: AuditReader
}

export function createAccountsServices(
  db: Kysely<Database>,
  clock: Clock,
  options: { publicUrl: string; mailer?: Mailer },
): AccountsServices {
  const users = createUserStore(db)
  return {
    callers: createCallerResolver(createApiKeyLookup(db), users, clock),
    sessions: createSessions(users, clock),
    users: createUserAdmin({ users, clock, publicUrl: options.publicUrl, mailer: options.mailer }),
    audit: createAuditReader(db),
  }
}
