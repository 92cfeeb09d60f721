import type { Kysely } from 'kysely'
import { hashSecret } from '../core/secrets.js'
import type { Database } from './schema.js'

export type OwnerKind = 'admin' | 'source' | 'buyer' | 'dialler' | 'cake'

export interface NewCredential {
  ownerKind: OwnerKind
  ownerId: number | null
  kind: 'bearer' | 'api_key'
  secret: string
  label?: string
  expiresAt?: Date | null
  scopes?: string[]
}

export async function createCredential(db: Kysely<Database>, c: NewCredential, now: Date) {
  return db
    .insertInto('credentials')
    .values({
      owner_kind: c.ownerKind,
      owner_id: c.ownerId,
      kind: c.kind,
      label: c.label ?? '',
      secret_hash: hashSecret(c.secret),
      prefix: c.secret.slice(0, 6),
      scopes_json: JSON.stringify(c.scopes ?? []),
      expires_at: c.expiresAt ? c.expiresAt.toISOString() : null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('secret_hash').doNothing())
    .returningAll()
    .executeTakeFirst()
}

export type CredentialCheck =
  | { ok: true; ownerId: number | null; credentialId: number }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }

/**
 * Finds a credential by the hash of the presented secret. The lookup is by an indexed hash of a
 * random secret, so no timing signal reaches a caller about which keys exist.
 */
export async function checkCredential(
  db: Kysely<Database>,
  ownerKind: OwnerKind,
  secret: string,
  now: Date,
): Promise<CredentialCheck> {
  const row = await db
    .selectFrom('credentials')
    .select(['id', 'owner_id', 'expires_at', 'revoked_at'])
    .where('secret_hash', '=', hashSecret(secret))
    .where('owner_kind', '=', ownerKind)
    .executeTakeFirst()
  if (!row) return { ok: false, reason: 'unknown' }
  if (row.revoked_at) return { ok: false, reason: 'revoked' }
  if (row.expires_at && row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' }
  return { ok: true, ownerId: row.owner_id, credentialId: row.id }
}
