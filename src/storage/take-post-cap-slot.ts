import type { Kysely } from 'kysely'
import type { PostCapSlot } from '../core/intake/source-settings.js'
import type { Database } from './schema.js'

/**
 * Takes one slot of a source's post cap inside the caller's transaction; false when full.
 *
 * Concurrency: the counter row is created if missing (`on conflict do nothing` on the unique
 * (subject, window) index), then incremented with `count < limit` in the WHERE. On PostgreSQL
 * the UPDATE takes the row lock and re-checks the condition against the committed count after
 * any concurrent holder commits (READ COMMITTED re-evaluation), so two posts never both take
 * the last slot; on SQLite the write transaction is already exclusive. A rolled-back post (its
 * lead insert failed) gives its slot back with the transaction.
 */
export async function takePostCapSlot(trx: Kysely<Database>, slot: PostCapSlot): Promise<boolean> {
  await trx
    .insertInto('cap_counters')
    .values({ subject: slot.subject, window: slot.window, count: 0, spend_cents: 0 })
    .onConflict((oc) => oc.columns(['subject', 'window']).doNothing())
    .execute()
  const result = await trx
    .updateTable('cap_counters')
    .set((eb) => ({ count: eb('count', '+', 1) }))
    .where('subject', '=', slot.subject)
    .where('window', '=', slot.window)
    .where('count', '<', slot.limit)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
