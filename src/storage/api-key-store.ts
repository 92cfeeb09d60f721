import type { Kysely } from 'kysely'
import type { ApiKeyLookup, ApiKeyRecord } from '../core/accounts/account-stores.js'
import { hashSecret } from '../core/secrets.js'
import type { Database } from './schema.js'

function list(text: string): string[] {
  const value: unknown = JSON.parse(text)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** Looks a key up by the indexed sha256 of the presented secret, whatever its owner kind. */
export async function findApiKey(
  db: Kysely<Database>,
  secret: string,
  now: Date,
): Promise<ApiKeyRecord | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select([
      'id',
      'owner_kind',
      'owner_id',
      'label',
      'prefix',
      'scopes_json',
      'allowed_cidrs_json',
      'expires_at',
      'revoked_at',
    ])
    .where('secret_hash', '=', hashSecret(secret))
    .executeTakeFirst()
  if (!row) return undefined
  const expired = row.expires_at !== null && row.expires_at <= now.toISOString()
  return {
    credentialId: row.id,
    ownerKind: row.owner_kind,
    ownerId: row.owner_id,
    label: row.label,
    prefix: row.prefix,
    permissions: list(row.scopes_json),
    allowedCidrs: list(row.allowed_cidrs_json),
    state: row.revoked_at ? 'revoked' : expired ? 'expired' : 'active',
  }
}

/** One write a minute per key at most: the update matches nothing while last_used_at is fresh. */
export async function touchCredential(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString()
  await db
    .updateTable('credentials')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', minuteAgo)]))
    .execute()
}

export function createApiKeyLookup(db: Kysely<Database>): ApiKeyLookup {
  return {
    find: (secret, now) => findApiKey(db, secret, now),
    touch: (id, now) => touchCredential(db, id, now),
  }
}
