import type { BooksStore } from '../core/money/periods.js'
import type { StorageDialect } from './dialects/dialect.js'

/**
 * Closes the books through the day before `openFrom`: ONE conditional update (it only moves
 * forward) inside a transaction that first waits for every in-flight ledger writer and holds new
 * ones (`lockLedgerWrites`). Every ledger INSERT computes its booking date in the statement itself
 * (booking-date.ts), so a writer that waited reads the new first open day, and one that committed
 * before is already part of the period it closes. SQLite's single writer gives the same order.
 */
export function createBooksStore(storage: StorageDialect): BooksStore {
  const { db } = storage
  return {
    async read() {
      const row = await db
        .selectFrom('accounting_books')
        .select(['open_from', 'closed_at'])
        .where('id', '=', 1)
        .executeTakeFirstOrThrow()
      return { openFrom: row.open_from, closedAt: row.closed_at }
    },
    async closeThrough(openFrom, at) {
      await db.transaction().execute(async (trx) => {
        await storage.lockLedgerWrites(trx)
        await trx
          .updateTable('accounting_books')
          .set({ open_from: openFrom, closed_at: at })
          .where('id', '=', 1)
          .where('open_from', '<', openFrom)
          .execute()
      })
    },
  }
}
