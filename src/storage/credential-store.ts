import type { Kysely } from 'kysely'
import type { CredentialCheck, NewCredential, OwnerKind } from '../core/config/config-records.js'
import { ipAllowed } from '../core/net/cidr.js'
import { hashSecret } from '../core/secrets.js'
import type { Database } from './schema.js'

export type { CredentialCheck, NewCredential, OwnerKind }

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
      scopes_json: JSON.stringify(c.permissions ?? []),
      allowed_cidrs_json: JSON.stringify(c.allowedCidrs ?? []),
      expires_at: c.expiresAt ? c.expiresAt.toISOString() : null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('secret_hash').doNothing())
    .returningAll()
    .executeTakeFirst()
}

/**
 * Finds a credential by the hash of the presented secret. The lookup is by an indexed hash of a
 * random secret, so no timing signal reaches a caller about which keys exist.
 */
export async function checkCredential(
  db: Kysely<Database>,
  ownerKind: OwnerKind,
  secret: string,
  now: Date,
  clientIp: string | undefined,
): Promise<CredentialCheck> {
  const row = await db
    .selectFrom('credentials')
    .select(['id', 'owner_id', 'expires_at', 'revoked_at', 'allowed_cidrs_json'])
    .where('secret_hash', '=', hashSecret(secret))
    .where('owner_kind', '=', ownerKind)
    .executeTakeFirst()
  if (!row) return { ok: false, reason: 'unknown' }
  // Outside the allow-list the key is refused as an unknown one: the caller learns nothing more.
  if (!ipAllowed(clientIp, cidrList(row.allowed_cidrs_json))) return { ok: false, reason: 'unknown' }
  if (row.revoked_at) return { ok: false, reason: 'revoked' }
  if (row.expires_at && row.expires_at <= now.toISOString()) return { ok: false, reason: 'expired' }
  return { ok: true, ownerId: row.owner_id, credentialId: row.id }
}

function cidrList(json: unknown): string[] {
  try {
    const parsed = typeof json === 'string' ? JSON.parse(json) : json
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === 'string') : []
  } catch {
    return []
  }
}
