import type { Kysely } from 'kysely'
import type { DuplicateHit, KeyToStore } from '../core/intake/intake-store.js'
import type { StorageDialect } from './dialects/dialect.js'
import { findDuplicateLead } from './find-duplicate-lead.js'
import type { Database } from './schema.js'

export interface DuplicateClaim {
  leadTypeId: number
  sourceId: number
  keys: readonly KeyToStore[]
  now: Date
}

/**
 * The duplicate decision of a post, made exactly once: inside the transaction that then writes the
 * lead and its `lead_keys`, after locking the keys, so no other post can decide on the same key
 * until this transaction ends. Returns the earlier lead when one holds a key inside its window;
 * the caller then rolls back and answers Duplicate.
 *
 * How it stays correct:
 * - PostgreSQL (any number of nodes): `dialect.lockKeys` takes an advisory lock per key
 *   (src/storage/dialects/lock-advisory-keys.ts); of N identical posts, the first to lock inserts
 *   its keys and commits; each later one reads them once it gets the lock.
 * - SQLite: one connection runs write transactions one at a time, and group commit runs its units
 *   in order inside one transaction (src/storage/group-commit.ts), each seeing the keys the units
 *   before it wrote; a unit rolled back to its savepoint takes its keys with it.
 * The lock key is (lead type, rule, key hash): a source-scoped rule locks across sources too,
 * which only makes two sources posting the same consumer wait for each other.
 *
 * Measured: 20 identical posts at once gave 20 accepted on PostgreSQL and up to 16 on SQLite
 * before (issue #11); with this, exactly 1 on both (test/storage/exact-duplicates.test.ts).
 */
export async function claimDuplicateKeys(
  trx: Kysely<Database>,
  dialect: Pick<StorageDialect, 'lockKeys'>,
  claim: DuplicateClaim,
): Promise<DuplicateHit | undefined> {
  if (claim.keys.length === 0) return undefined
  await dialect.lockKeys(
    trx,
    claim.keys.map((k) => `lead-key:${claim.leadTypeId}:${k.rule}:${k.keyHash}`),
  )
  return findDuplicateLead(trx, claim.leadTypeId, claim.sourceId, claim.keys, claim.now)
}
