import { randomBytes } from 'node:crypto'
import { found } from '../config/admin-errors.js'
import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'
import { hashPassword, hashSecret } from '../secrets.js'
import type { UserRecord, UserStore } from './account-stores.js'
import { type AuditContext, type Caller, SYSTEM } from './caller.js'
import type { Mailer } from './mailer.js'
import { PARTNER_ROLES, type Role, roleGrants } from './roles.js'
import { newTotpSecret, totpUri, totpValid } from './totp.js'
import { checkNewUser, checkPassword, checkUserPatch, type UserPatchInput } from './validate-user.js'

export const INVITE_DAYS = 7
export const RESET_HOURS = 2

/** An invitation or reset: the one-time link, and whether it was also emailed. */
export type OneTimeLink = {
  user: UserRecord
  url: string
  emailed: boolean
}

export interface UserAdmin {
  list(): Promise<UserRecord[]>
  get(id: number): Promise<UserRecord>
  /** Creates a user with a password (the CLI's `leadflow user add`). */
  add(input: unknown, password: string, audit: AuditContext): Promise<UserRecord>
  /**
   * Creates the user unless the email exists, with a password outside the length rule: only for
   * the demo world's fixed users (`demo`), never reachable from the API.
   */
  plant(input: unknown, password: string): Promise<void>
  /** Creates a user without a password and a link to set one. `by` may only grant what it holds. */
  invite(input: unknown, by: Caller | null, audit: AuditContext): Promise<OneTimeLink>
  update(id: number, input: unknown, by: Caller | null, audit: AuditContext): Promise<UserRecord>
  /** A link to set a new password (by email, or by id from the API). */
  reset(who: { email: string } | { id: number }, audit: AuditContext): Promise<OneTimeLink>
  /** Sets the password from an invitation or reset link; the link works once. */
  redeem(token: string, password: unknown): Promise<UserRecord>
  /** Starts two-factor set-up: a new secret, enabled only once a code from it is confirmed. */
  beginTotp(userId: number, audit: AuditContext): Promise<{ secret: string; uri: string }>
  confirmTotp(userId: number, code: string, audit: AuditContext): Promise<UserRecord>
  disableTotp(userId: number, code: string, audit: AuditContext): Promise<UserRecord>
}

export interface UserAdminDeps {
  users: UserStore
  clock: Clock
  /** Where links point: `${publicUrl}/console/#/password?token=…`. */
  publicUrl: string
  mailer?: Mailer
}

/** A caller may hand out only a role whose permissions it holds itself; only an owner makes owners. */
function mayGrant(by: Caller | null, role: Role): void {
  if (!by) return
  const lacking = [...roleGrants(role)].filter((p) => !by.permissions.has(p))
  if (lacking.length || (role === 'owner' && by.role !== 'owner' && by.kind === 'user'))
    throw new LeadflowError('LF_FORBIDDEN', `${by.label} may not grant the role ${role}`)
}

export function createUserAdmin({ users, clock, publicUrl, mailer }: UserAdminDeps): UserAdmin {
  const get = async (id: number) => {
    const { password_hash: _p, totp_secret: _t, ...user } = found(await users.get(id), `user with id ${id}`)
    return user
  }

  async function link(
    user: UserRecord,
    purpose: 'invite' | 'reset',
    audit: AuditContext,
  ): Promise<OneTimeLink> {
    const now = clock.now()
    const token = randomBytes(24).toString('base64url')
    const ttl = purpose === 'invite' ? INVITE_DAYS * 86_400_000 : RESET_HOURS * 3_600_000
    await users.issueToken(user.id, purpose, hashSecret(token), new Date(now.getTime() + ttl), now)
    await users.update(user.id, {}, { audit, action: `user.${purpose}` }, now)
    const url = `${publicUrl}/console/#/password?token=${token}`
    if (!mailer) return { user, url, emailed: false }
    const subject = purpose === 'invite' ? 'You are invited to leadflow' : 'Reset your leadflow password'
    const text =
      purpose === 'invite'
        ? `You have been invited to leadflow as ${user.role}. Set your password within ${INVITE_DAYS} days:\n\n${url}\n`
        : `Someone asked to reset your leadflow password. Set a new one within ${RESET_HOURS} hours:\n\n${url}\n\nIgnore this email if it was not you.\n`
    await mailer.send({ to: user.email, subject, text })
    return { user, url, emailed: true }
  }

  async function create(input: unknown, passwordHash: string | null, by: Caller | null, audit: AuditContext) {
    const spec = checkNewUser(input)
    mayGrant(by, spec.role)
    const user = await users.create({ ...spec, password_hash: passwordHash }, audit, clock.now())
    if (!user) throw new LeadflowError('LF_CONFLICT', `A user with email ${spec.email} exists`)
    return user
  }

  async function lastOwnerGuard(id: number, patch: UserPatchInput) {
    const target = await get(id)
    const demoted = patch.role !== undefined && patch.role !== 'owner'
    if (target.role !== 'owner' || !(demoted || patch.status === 'disabled')) return
    const owners = (await users.list()).filter((u) => u.role === 'owner' && u.status === 'active')
    if (owners.length <= 1)
      throw new LeadflowError('LF_CONFLICT', 'This is the last active owner; make another owner first')
  }

  return {
    list: () => users.list(),
    get,
    add: async (input, password, audit) =>
      create(input, await hashPassword(checkPassword(password)), null, audit),
    async plant(input, password) {
      const spec = checkNewUser(input)
      if (await users.findByEmail(spec.email)) return
      await users.create({ ...spec, password_hash: await hashPassword(password) }, SYSTEM, clock.now())
    },
    invite: async (input, by, audit) => link(await create(input, null, by, audit), 'invite', audit),
    async update(id, input, by, audit) {
      const patch = checkUserPatch(input)
      const target = await get(id)
      if (patch.role) mayGrant(by, patch.role)
      mayGrant(by, target.role as Role)
      await lastOwnerGuard(id, patch)
      const role = patch.role ?? target.role
      if (!PARTNER_ROLES.includes(role as Role)) Object.assign(patch, { buyer_id: null, source_id: null })
      return found(
        await users.update(id, patch, { audit, action: 'user.update' }, clock.now()),
        `user with id ${id}`,
      )
    },
    async reset(who, audit) {
      const user = 'id' in who ? await get(who.id) : await users.findByEmail(who.email)
      if (!user)
        throw new LeadflowError('LF_NOT_FOUND', `No user with email ${'email' in who ? who.email : ''}`)
      return link(await get(user.id), 'reset', audit)
    },
    async redeem(token, password) {
      const hash = await hashPassword(checkPassword(password))
      const user = await users.redeemToken(hashSecret(token), hash, clock.now())
      if (!user)
        throw new LeadflowError('LF_UNAUTHORIZED', 'This link is unknown, used or expired; ask for a new one')
      return user
    },
    async beginTotp(userId, audit) {
      const user = await get(userId)
      if (user.totp_enabled)
        throw new LeadflowError('LF_CONFLICT', 'Two-factor sign-in is on; turn it off first')
      const secret = newTotpSecret()
      await users.update(userId, { totp_secret: secret }, { audit, action: 'user.totp-begin' }, clock.now())
      return { secret, uri: totpUri(secret, user.email) }
    },
    async confirmTotp(userId, code, audit) {
      const user = found(await users.get(userId), `user with id ${userId}`)
      if (!user.totp_secret || !totpValid(user.totp_secret, user.email, code, clock.now()))
        throw new LeadflowError('LF_VALIDATION', 'Wrong code; check the authenticator app and the clock')
      return (await users.update(
        userId,
        { totp_enabled: true },
        { audit, action: 'user.totp-enable' },
        clock.now(),
      ))!
    },
    async disableTotp(userId, code, audit) {
      const user = found(await users.get(userId), `user with id ${userId}`)
      if (!user.totp_enabled || !user.totp_secret) return get(userId)
      if (!totpValid(user.totp_secret, user.email, code, clock.now()))
        throw new LeadflowError('LF_VALIDATION', 'Wrong code')
      const patch = { totp_enabled: false, totp_secret: null }
      return (await users.update(userId, patch, { audit, action: 'user.totp-disable' }, clock.now()))!
    },
  }
}
