import type { Kysely } from 'kysely'
import type { CapSlot } from '../core/distribution/cap-windows.js'
import type { Database } from './schema.js'

/**
 * Takes one slot of a cap counter, or reports the cap full — in ONE statement:
 *
 *   INSERT INTO cap_counters (subject, window, count, spend_cents) VALUES (?, ?, 1, ?)
 *   ON CONFLICT (subject, window) DO UPDATE SET count = count + 1, spend_cents = spend_cents + ?
 *     WHERE cap_counters.count < :maxCount AND cap_counters.spend_cents + ? <= :maxSpend
 *   RETURNING count
 *
 * No row back means the cap is full. Concurrency: the unique (subject, window) index makes the
 * first two racers meet on one row; on PostgreSQL `ON CONFLICT DO UPDATE` locks that row and
 * evaluates the WHERE against its latest committed version (even under READ COMMITTED), so racers
 * queue on the lock and the check-and-increment cannot interleave; SQLite has one writer. There
 * is no read-then-write window for two requests to slip through. Measured by
 * test/distribution/caps-concurrency.test.ts: 50 parallel distributions against a cap of 7 sell
 * exactly 7 on both databases.
 */
export async function takeCapSlot(db: Kysely<Database>, slot: CapSlot, priceCents: number): Promise<boolean> {
  if (slot.maxCount !== null && slot.maxCount < 1) return false
  if (slot.maxSpendCents !== null && priceCents > slot.maxSpendCents) return false
  const row = await db
    .insertInto('cap_counters')
    .values({ subject: slot.subject, window: slot.window, count: 1, spend_cents: priceCents })
    .onConflict((oc) => {
      let update = oc.columns(['subject', 'window']).doUpdateSet((eb) => ({
        count: eb(eb.ref('cap_counters.count'), '+', 1),
        spend_cents: eb(eb.ref('cap_counters.spend_cents'), '+', priceCents),
      }))
      if (slot.maxCount !== null) update = update.where('cap_counters.count', '<', slot.maxCount)
      if (slot.maxSpendCents !== null) {
        update = update.where((eb) =>
          eb(eb(eb.ref('cap_counters.spend_cents'), '+', priceCents), '<=', slot.maxSpendCents),
        )
      }
      return update
    })
    .returning('count')
    .executeTakeFirst()
  return row !== undefined
}

/** Gives a slot back (the buyer said no, or the sale could not be recorded). */
export async function releaseCapSlot(db: Kysely<Database>, slot: CapSlot, priceCents: number): Promise<void> {
  await db
    .updateTable('cap_counters')
    .set((eb) => ({ count: eb('count', '-', 1), spend_cents: eb('spend_cents', '-', priceCents) }))
    .where('subject', '=', slot.subject)
    .where('window', '=', slot.window)
    .where('count', '>', 0)
    .execute()
}
