import type { Kysely } from 'kysely'
import type { CredentialSpec } from '../../core/config/validate-credential.js'
import { LeadflowError } from '../../core/errors.js'
import { generateSecret } from '../../core/secrets.js'
import { createCredential } from '../credential-store.js'
import type { Database } from '../schema.js'
import { parseJson, unknownReference } from './save-outcome.js'

/** A credential as listed: its prefix identifies it, the secret itself is never stored. */
export interface CredentialRecord {
  id: number
  owner_kind: string
  owner_id: number | null
  kind: string
  label: string
  prefix: string
  scopes: string[]
  expires_at: string | null
  revoked_at: string | null
  last_used_at: string | null
  created_at: string
  active: boolean
}

type Row = Awaited<ReturnType<ReturnType<typeof selectCredentials>['executeTakeFirstOrThrow']>>

function selectCredentials(db: Kysely<Database>) {
  return db
    .selectFrom('credentials')
    .select([
      'id',
      'owner_kind',
      'owner_id',
      'kind',
      'label',
      'prefix',
      'scopes_json',
      'expires_at',
      'revoked_at',
      'last_used_at',
      'created_at',
    ])
}

function toRecord(row: Row, now: Date): CredentialRecord {
  const { scopes_json, ...rest } = row
  const expired = row.expires_at !== null && row.expires_at <= now.toISOString()
  return { ...rest, scopes: parseJson(scopes_json, []), active: row.revoked_at === null && !expired }
}

export interface CredentialFilter {
  owner_kind?: string
  owner_id?: number
}

export async function listCredentials(db: Kysely<Database>, filter: CredentialFilter, now: Date) {
  let query = selectCredentials(db).orderBy('id')
  if (filter.owner_kind !== undefined) query = query.where('owner_kind', '=', filter.owner_kind)
  if (filter.owner_id !== undefined) query = query.where('owner_id', '=', filter.owner_id)
  return (await query.execute()).map((row) => toRecord(row, now))
}

export async function findCredential(db: Kysely<Database>, id: number, now: Date) {
  const row = await selectCredentials(db).where('id', '=', id).executeTakeFirst()
  return row && toRecord(row, now)
}

const PREFIXES: Record<string, string> = {
  admin: 'lfa',
  source: 'lfs',
  buyer: 'lfb',
  dialler: 'lfd',
  cake: 'lfc',
}

/** Creates a credential; returns its record and the secret, which is shown to the caller once. */
export async function issueCredential(db: Kysely<Database>, spec: CredentialSpec, now: Date) {
  if (spec.owner_id !== null && (spec.owner_kind === 'source' || spec.owner_kind === 'buyer')) {
    const table = spec.owner_kind === 'source' ? 'sources' : 'buyers'
    const owner = await db.selectFrom(table).select('id').where('id', '=', spec.owner_id).executeTakeFirst()
    if (!owner) throw unknownReference('owner_id', `no ${spec.owner_kind} with id ${spec.owner_id}`)
  }
  const secret = spec.secret ?? generateSecret(PREFIXES[spec.owner_kind]!)
  const row = await createCredential(
    db,
    {
      ownerKind: spec.owner_kind,
      ownerId: spec.owner_id,
      kind: spec.kind,
      secret,
      label: spec.label,
      expiresAt: spec.expires_at === null ? null : new Date(spec.expires_at),
      scopes: spec.scopes,
    },
    now,
  )
  // createCredential ignores a secret whose hash exists: someone already holds that secret.
  if (!row) throw new LeadflowError('LF_CONFLICT', 'That secret is already in use; choose another')
  return { record: (await findCredential(db, row.id, now))!, secret }
}

/**
 * Revokes a credential (idempotent). The last active admin key is kept, or nobody could use the
 * API again; under concurrent revokes of the last two keys this check is best-effort, and
 * LEADFLOW_ADMIN_KEY at the next start restores access.
 */
export async function revokeCredential(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  const target = await findCredential(db, id, now)
  if (!target) return false
  if (target.revoked_at !== null) return true
  if (target.owner_kind === 'admin' && target.active) {
    const others = (await listCredentials(db, { owner_kind: 'admin' }, now)).filter(
      (c) => c.active && c.id !== id,
    )
    if (others.length === 0)
      throw new LeadflowError('LF_CONFLICT', 'This is the last active admin key; create another first')
  }
  await db
    .updateTable('credentials')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute()
  return true
}
