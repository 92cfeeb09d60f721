import type { AuditContext } from './caller.js'

/** A stored API key as the caller resolver sees it (credentials of every owner kind). */
export interface ApiKeyRecord {
  readonly credentialId: number
  readonly ownerKind: string
  readonly ownerId: number | null
  readonly label: string
  readonly prefix: string
  readonly permissions: readonly string[]
  readonly allowedCidrs: readonly string[]
  readonly state: 'active' | 'expired' | 'revoked'
}

/** Looks keys up by the hash of the presented secret and records their last use. */
export interface ApiKeyLookup {
  find(secret: string, now: Date): Promise<ApiKeyRecord | undefined>
  /** Sets last_used_at, at most once a minute per key (a write per request would be waste). */
  touch(credentialId: number, now: Date): Promise<void>
}

export type UserRecord = {
  id: number
  email: string
  name: string
  role: string
  buyer_id: number | null
  source_id: number | null
  totp_enabled: boolean
  status: string
  has_password: boolean
  last_sign_in_at: string | null
  created_at: string
  updated_at: string
}

export interface UserSecrets {
  password_hash: string | null
  totp_secret: string | null
}

export interface NewUser {
  email: string
  name: string
  role: string
  buyer_id: number | null
  source_id: number | null
  password_hash: string | null
}

export type UserPatch = Partial<{
  name: string
  role: string
  status: string
  buyer_id: number | null
  source_id: number | null
  password_hash: string | null
  totp_secret: string | null
  totp_enabled: boolean
  last_sign_in_at: string
}>

export interface NewSession {
  idHash: string
  userId: number
  csrfHash: string
  ip: string | null
  expiresAt: Date
}

/**
 * Users, their sessions and one-time tokens. Every change that is an admin action writes its
 * audit row in the same transaction (`audit` names who; `action` what).
 */
export interface UserStore {
  list(): Promise<UserRecord[]>
  get(id: number): Promise<(UserRecord & UserSecrets) | undefined>
  findByEmail(email: string): Promise<(UserRecord & UserSecrets) | undefined>
  /** Undefined when the email is taken. */
  create(user: NewUser, audit: AuditContext, now: Date): Promise<UserRecord | undefined>
  update(id: number, patch: UserPatch, change: AuditChange | null, now: Date): Promise<UserRecord | undefined>
  issueToken(
    userId: number,
    purpose: 'invite' | 'reset',
    tokenHash: string,
    expiresAt: Date,
    now: Date,
  ): Promise<void>
  /**
   * Marks an unused, unexpired token used and sets the user's password, in one transaction;
   * ends the user's sessions. Undefined when the token is unknown, used or expired.
   */
  redeemToken(tokenHash: string, passwordHash: string, now: Date): Promise<UserRecord | undefined>
  createSession(session: NewSession, now: Date): Promise<void>
  /** The unexpired session's user and CSRF hash. */
  findSession(idHash: string, now: Date): Promise<{ user: UserRecord; csrfHash: string } | undefined>
  deleteSession(idHash: string): Promise<void>
}

/** One audit row's who and what; before/after are the JSON the row stores. */
export interface AuditChange {
  readonly audit: AuditContext
  readonly action: string
}

export type AuditEntry = {
  id: number
  at: string
  actor_kind: string
  actor_id: number | null
  actor_label: string
  action: string
  resource: string
  resource_id: string | null
  before: unknown
  after: unknown
  ip: string | null
}

export interface AuditFilter {
  actorKind?: string
  actorId?: number
  action?: string
  resource?: string
  resourceId?: string
  from?: string
  to?: string
  /** Rows with a smaller id than this (newest first). */
  beforeId?: number
  limit: number
}

export interface AuditReader {
  list(filter: AuditFilter): Promise<AuditEntry[]>
}
