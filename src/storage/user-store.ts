import type { Kysely, Selectable } from 'kysely'
import type { AuditChange, UserRecord, UserSecrets, UserStore } from '../core/accounts/account-stores.js'
import type { UserTable } from './accounts-schema.js'
import type { Database } from './schema.js'
import { writeAudit } from './write-audit.js'

type Row = Selectable<UserTable>

function toRecord(row: Row): UserRecord & UserSecrets {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    buyer_id: row.buyer_id,
    source_id: row.source_id,
    totp_enabled: row.totp_enabled === 1,
    status: row.status,
    has_password: row.password_hash !== null,
    last_sign_in_at: row.last_sign_in_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
    password_hash: row.password_hash,
    totp_secret: row.totp_secret,
  }
}

/** What the audit log keeps of a user: never a password hash or a TOTP secret. */
export function publicUser(user: UserRecord & Partial<UserSecrets>): UserRecord {
  const { password_hash: _p, totp_secret: _t, ...rest } = user
  return rest
}

async function getUser(db: Kysely<Database>, id: number) {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toRecord(row)
}

/** The update, its session ends and its audit row; the caller holds the transaction. */
async function applyUserUpdate(
  trx: Kysely<Database>,
  id: number,
  patch: Parameters<UserStore['update']>[1],
  change: AuditChange | null,
  now: Date,
): Promise<UserRecord | undefined> {
  {
    const before = await getUser(trx, id)
    if (!before) return undefined
    const { totp_enabled, ...rest } = patch
    await trx
      .updateTable('users')
      .set({
        ...rest,
        ...(totp_enabled === undefined ? {} : { totp_enabled: totp_enabled ? 1 : 0 }),
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute()
    // A disabled user, a new password or a new role ends every session at once.
    if (patch.status === 'disabled' || patch.password_hash !== undefined || patch.role !== undefined)
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute()
    const after = (await getUser(trx, id))!
    if (change)
      await writeAudit(
        trx,
        change,
        { resource: 'user', resourceId: id, before: publicUser(before), after: publicUser(after) },
        now,
      )
    return publicUser(after)
  }
}

export function createUserStore(db: Kysely<Database>): UserStore {
  return {
    list: async () =>
      (await db.selectFrom('users').selectAll().orderBy('id').execute()).map((r) => publicUser(toRecord(r))),
    get: (id) => getUser(db, id),
    async findByEmail(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst()
      return row && toRecord(row)
    },
    create: (user, audit, now) =>
      db.transaction().execute(async (trx) => {
        const at = now.toISOString()
        const row = await trx
          .insertInto('users')
          .values({
            ...user,
            email: user.email.toLowerCase(),
            status: 'active',
            totp_enabled: 0,
            totp_secret: null,
            last_sign_in_at: null,
            created_at: at,
            updated_at: at,
          })
          .onConflict((oc) => oc.column('email').doNothing())
          .returningAll()
          .executeTakeFirst()
        if (!row) return undefined
        const created = publicUser(toRecord(row))
        await writeAudit(
          trx,
          { audit, action: 'user.create' },
          { resource: 'user', resourceId: row.id, before: null, after: created },
          now,
        )
        return created
      }),
    update: (id, patch, change, now) =>
      db.transaction().execute((trx) => applyUserUpdate(trx, id, patch, change, now)),
    async issueToken(userId, purpose, tokenHash, expiresAt, now) {
      await db
        .insertInto('user_tokens')
        .values({
          user_id: userId,
          purpose,
          token_hash: tokenHash,
          expires_at: expiresAt.toISOString(),
          created_at: now.toISOString(),
        })
        .execute()
    },
    redeemToken: (tokenHash, passwordHash, now) =>
      db.transaction().execute(async (trx) => {
        const at = now.toISOString()
        // The conditional update is the claim: of two concurrent redemptions only one matches.
        const token = await trx
          .updateTable('user_tokens')
          .set({ used_at: at })
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', at)
          .returning(['user_id', 'purpose'])
          .executeTakeFirst()
        if (!token) return undefined
        const audit = { actorKind: 'user', actorId: token.user_id, actorLabel: '', ip: null } as const
        const user = await getUser(trx, token.user_id)
        if (!user) return undefined
        return applyUserUpdate(
          trx,
          token.user_id,
          { password_hash: passwordHash },
          { audit: { ...audit, actorLabel: user.email }, action: `user.${token.purpose}-redeem` },
          now,
        )
      }),
    async createSession(s, now) {
      const at = now.toISOString()
      await db
        .insertInto('sessions')
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_hash: s.csrfHash,
          ip: s.ip,
          created_at: at,
          last_seen_at: at,
          expires_at: s.expiresAt.toISOString(),
        })
        .execute()
    },
    async findSession(idHash, now) {
      const row = await db
        .selectFrom('sessions')
        .select(['user_id', 'csrf_hash'])
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', now.toISOString())
        .executeTakeFirst()
      if (!row) return undefined
      const user = await getUser(db, row.user_id)
      return user && { user: publicUser(user), csrfHash: row.csrf_hash }
    },
    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
    },
  }
}
