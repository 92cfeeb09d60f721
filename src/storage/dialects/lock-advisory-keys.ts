import { type Kysely, sql } from 'kysely'
import type { Database } from '../schema.js'

/**
 * Takes a transaction-scoped advisory lock (pg_advisory_xact_lock) on each of `keys`, held until
 * the caller's transaction commits or rolls back.
 *
 * Why: a rule such as "the same e-mail within 30 days is a duplicate" is a read (is there an
 * earlier lead with this key?) followed by a write (this lead and its key). Under READ COMMITTED
 * two transactions can both read "none" and both insert; a unique index cannot express a
 * time window. With the lock taken before the read, the second transaction waits until the first
 * commits, and its read (a new snapshot per statement under READ COMMITTED) then sees the first
 * one's key: exactly one of N identical posts is accepted, on any number of nodes sharing the
 * database (test/storage/exact-duplicates.test.ts, test/crash/multi-node.test.ts).
 *
 * Locks are taken in sorted order in one statement, so two posts sharing several keys cannot
 * deadlock each other. Keys are hashed to 64 bits (hashtextextended); a collision only makes two
 * unrelated posts wait for each other, never lets a duplicate through. Cost: one round trip per
 * post, and only posts sharing a key ever wait.
 */
export async function lockAdvisoryKeys(trx: Kysely<Database>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return
  const sorted = [...new Set(keys)].sort()
  // unnest yields the array in order, and the locks are taken row by row as it does.
  await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${sorted}::text[]) as k`.execute(
    trx,
  )
}
