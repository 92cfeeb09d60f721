import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'

/** Accounting periods are UTC calendar months, `YYYY-MM`. */
export type Books = {
  /** The first day (YYYY-MM-DD) not in a closed period. */
  open_from: string
  /** The last closed period, or null. */
  closed_through: string | null
  closed_at: string | null
}

/** Port over accounting_books (src/storage/close-period.ts). */
export interface BooksStore {
  read(): Promise<{ openFrom: string; closedAt: string | null }>
  /** Moves the first open day forward to `openFrom` (never back), under the ledger write lock. */
  closeThrough(openFrom: string, at: string): Promise<void>
}

export interface Periods {
  books(): Promise<Books>
  close(period: string): Promise<Books>
  /** The first and the day after the last day of a period. */
  range(period: string): { from: string; to: string }
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The first day of the month after `period`. */
export function nextPeriodStart(period: string): string {
  const m = PERIOD.exec(period)
  if (!m) throw new LeadflowError('LF_VALIDATION', `period must be YYYY-MM, not "${period}"`)
  const next = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1))
  return next.toISOString().slice(0, 10)
}

function previousPeriod(day: string): string | null {
  if (day <= '0000-12-31') return null
  const d = new Date(`${day}T00:00:00Z`)
  d.setUTCDate(0)
  return d.toISOString().slice(0, 7)
}

/**
 * Closed periods (DESIGN.md, "A closed period never changes"). Closing a month closes every month
 * before it too; ledger rows are then booked on the first open day (src/storage/booking-date.ts),
 * so a credit for a sale of a closed month lands in the next open one.
 */
export function createPeriods(store: BooksStore, clock: Clock): Periods {
  const books = async (): Promise<Books> => {
    const b = await store.read()
    return { open_from: b.openFrom, closed_through: previousPeriod(b.openFrom), closed_at: b.closedAt }
  }
  return {
    books,
    async close(period) {
      const openFrom = nextPeriodStart(period)
      const now = clock.now()
      if (`${openFrom}T00:00:00.000Z` > now.toISOString())
        throw new LeadflowError('LF_CONFLICT', `period ${period} has not ended yet`)
      await store.closeThrough(openFrom, now.toISOString())
      return books()
    },
    range: (period) => ({ from: `${period}-01`, to: nextPeriodStart(period) }),
  }
}
