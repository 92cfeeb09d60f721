import { type RawBuilder, sql } from 'kysely'

/**
 * The accounting date of a ledger row written at `at`: its UTC day, or the first open day when
 * that day is in a closed period (docs/reports.md, "Closed periods").
 *
 * Computed inside the INSERT itself, never read beforehand: closing a period locks the ledger
 * against writers (`StorageDialect.lockLedgerWrites`), and on PostgreSQL a writer's INSERT takes
 * its table lock before the statement's snapshot, so an insert that waited for a close reads the
 * moved `open_from`. A value read in an earlier statement could be stale by then.
 */
export function bookedOn(at: string): RawBuilder<string> {
  return bookedOnDay(at.slice(0, 10))
}

/** `bookedOn` of a UTC day (`YYYY-MM-DD`), or of a compiled-once slot that stands for one. */
export function bookedOnDay(day: string): RawBuilder<string> {
  return sql<string>`(select case when ${day} >= open_from then ${day} else open_from end from accounting_books where id = 1)`
}
