import type { Generated } from 'kysely'

/** The tables of people, sessions and the audit log (migration 007; docs/accounts.md). */
export interface UserTable {
  id: Generated<number>
  /** Lower-cased; unique. */
  email: string
  name: string
  /** scrypt (src/core/secrets.ts); null until an invited user sets one. */
  password_hash: string | null
  /** owner | admin | operator | analyst | buyer | seller (src/core/accounts/roles.ts) */
  role: string
  /** The buyer a `buyer` user belongs to, the source a `seller` user belongs to. */
  buyer_id: number | null
  source_id: number | null
  /** Base32 TOTP secret; enabled only once the user proved a code from it. */
  totp_secret: string | null
  totp_enabled: number
  /** active | disabled */
  status: string
  last_sign_in_at: string | null
  created_at: string
  updated_at: string
}

export interface SessionTable {
  /** sha256 of the cookie's random token: a database read never yields a usable cookie. */
  id_hash: string
  user_id: number
  /** sha256 of the CSRF token the console echoes in `X-CSRF-Token`. */
  csrf_hash: string
  ip: string | null
  created_at: string
  expires_at: string
  last_seen_at: string
}

export interface UserTokenTable {
  id: Generated<number>
  /** sha256 of the one-time token in the invitation or reset link. */
  token_hash: string
  user_id: number
  /** invite | reset */
  purpose: string
  expires_at: string
  used_at: string | null
  created_at: string
}

export interface AuditTable {
  id: Generated<number>
  at: string
  /** user | key | system */
  actor_kind: string
  actor_id: number | null
  actor_label: string
  /** e.g. `buyer.create`, `credential.rotate`, `return.decide` */
  action: string
  resource: string
  resource_id: string | null
  before_json: string | null
  after_json: string | null
  ip: string | null
}

export interface AccountTables {
  users: UserTable
  sessions: SessionTable
  user_tokens: UserTokenTable
  audit_log: AuditTable
}
