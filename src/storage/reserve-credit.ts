import { type Kysely, sql } from 'kysely'
import type { Database } from './schema.js'

export type CreditHold = 'none' | 'held' | 'over'

/**
 * Reserves `priceCents` of a buyer's credit before its lead is sent, in ONE statement:
 *
 *   UPDATE buyer_credit SET reserved_cents = reserved_cents + :price WHERE buyer_id = :buyer
 *   RETURNING limit_cents IS NULL OR balance_cents + reserved_cents <= limit_cents
 *
 * No row: the buyer has no limit ('none'). A row whose new total passes the limit answers 'over',
 * and the caller's transaction (src/storage/reserve-sale.ts) rolls the increment back.
 * Concurrency: on PostgreSQL the UPDATE locks the buyer's row and, under READ COMMITTED, works on
 * its latest committed version, so racers queue and each sees the others' reservations; SQLite
 * has one writer. `balance_cents` moves only by the ledger trigger (migration 012) in the
 * writer's own transaction, and a recorded sale swaps its reservation for its ledger row in one
 * transaction (record-sale.ts), so balance + reserved never undercounts what the buyer is exposed
 * to. Measured by test/money/credit-limit.test.ts: 40 parallel sales against a limit of 7 sales
 * sell exactly 7 on both databases.
 */
export async function reserveCredit(
  db: Kysely<Database>,
  buyerId: number,
  priceCents: number,
): Promise<CreditHold> {
  const row = await db
    .updateTable('buyer_credit')
    .set((eb) => ({ reserved_cents: eb('reserved_cents', '+', priceCents) }))
    .where('buyer_id', '=', buyerId)
    .returning(
      sql<boolean | number>`(limit_cents is null or balance_cents + reserved_cents <= limit_cents)`.as(
        'fits',
      ),
    )
    .executeTakeFirst()
  if (!row) return 'none'
  return row.fits === true || row.fits === 1 ? 'held' : 'over'
}

/** Gives a reservation back: the buyer said no, or the sale was recorded (its ledger row now counts). */
export async function releaseCredit(
  db: Kysely<Database>,
  buyerId: number,
  priceCents: number,
): Promise<void> {
  await db
    .updateTable('buyer_credit')
    .set((eb) => ({ reserved_cents: eb('reserved_cents', '-', priceCents) }))
    .where('buyer_id', '=', buyerId)
    .execute()
}
