import type { Permission } from './permissions.js'
import type { Role } from './roles.js'

/**
 * Who is asking: a signed-in user (session cookie) or an API key (`Authorization: Bearer`).
 * Resolved once per request by src/http/authorize.ts; routes read it to scope partner records
 * and use-cases write it into the audit log.
 */
export interface Caller {
  readonly kind: 'user' | 'key'
  /** users.id or credentials.id */
  readonly id: number
  /** The user's email, or `key <prefix>… (<label>)`. */
  readonly label: string
  readonly role: Role | null
  readonly permissions: ReadonlySet<Permission>
  /** Set for partner callers: they reach only this buyer's or source's records. */
  readonly buyerId: number | null
  readonly sourceId: number | null
  /** A dialler key (owner_kind dialler), which takes and reports calls under its own name. */
  readonly dialler: boolean
}

/** What a use-case needs to write an audit row: who, from where. */
export interface AuditContext {
  readonly actorKind: 'user' | 'key' | 'system'
  readonly actorId: number | null
  readonly actorLabel: string
  readonly ip: string | null
}

export function auditContextOf(caller: Caller | undefined, ip: string | null): AuditContext {
  if (!caller) return SYSTEM
  return { actorKind: caller.kind, actorId: caller.id, actorLabel: caller.label, ip }
}

/** Changes made by leadflow itself or the CLI (`leadflow user add`, `leadflow apply`, the demo). */
export const SYSTEM: AuditContext = { actorKind: 'system', actorId: null, actorLabel: 'system', ip: null }

export function cliContext(command: string): AuditContext {
  return { actorKind: 'system', actorId: null, actorLabel: `cli: ${command}`, ip: null }
}
