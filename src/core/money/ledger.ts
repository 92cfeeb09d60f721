import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'

export type AccountKind = 'buyer' | 'source'

export type LedgerEntry = {
  id: number
  account_kind: string
  account_id: number
  lead_id: number | null
  sale_id: number | null
  entry: string
  amount_cents: number
  memo: string | null
  created_at: string
  /** Accounting date (YYYY-MM-DD): the creation day, or the first open day after closed periods. */
  booked_on: string | null
}

export interface LedgerFilter {
  accountKind?: AccountKind
  accountId?: number
  entry?: string
  leadId?: number
  /** created_at >= from */
  from?: string
  /** created_at < to */
  to?: string
}

export interface NewLedgerEntry {
  accountKind: AccountKind
  accountId: number
  entry: 'adjustment' | 'payment' | 'payout'
  amountCents: number
  memo: string
  /** Book on this day (YYYY-MM-DD) instead of today; refused when it is in a closed period. */
  bookedOn?: string
}

export type Balance = {
  account_kind: AccountKind
  account_id: number
  /** Sum of every ledger row of the account: for a buyer what it owes us, for a source what we owe it. */
  balance_cents: number
  by_entry: Record<string, number>
}

/** Port over the ledger table (src/storage/ledger-store.ts). */
export interface LedgerStore {
  /** Newest first, after the row `beforeId` when given. */
  page(filter: LedgerFilter, limit: number, beforeId?: number): Promise<LedgerEntry[]>
  /** One insert; undefined when the account does not exist, 'closed' when `bookedOn` is in a closed period. */
  append(entry: NewLedgerEntry, at: string): Promise<LedgerEntry | 'closed' | undefined>
  sums(kind: AccountKind, id: number): Promise<Record<string, number> | undefined>
}

export interface Ledger {
  page(filter: LedgerFilter, limit: number, beforeId?: number): Promise<LedgerEntry[]>
  /** Every matching row, newest first, read in batches (exports). */
  all(filter: LedgerFilter): AsyncIterable<LedgerEntry[]>
  record(entry: NewLedgerEntry): Promise<LedgerEntry>
  balance(kind: AccountKind, id: number): Promise<Balance>
}

const MAX_CENTS = 1_000_000_000_00

/**
 * The ledger's use-cases (DESIGN.md, "Money is a ledger"): reads, manual adjustments with a reason,
 * prepaid funds (a buyer `payment`, negative: it lowers what the buyer owes) and source payouts
 * (negative: they lower what we owe). Rows are never changed or deleted; a correction is a new row.
 */
export function createLedger(store: LedgerStore, clock: Clock): Ledger {
  return {
    page: (filter, limit, beforeId) => store.page(filter, limit, beforeId),
    async *all(filter) {
      let before: number | undefined
      for (;;) {
        const rows = await store.page(filter, 1000, before)
        if (rows.length === 0) return
        yield rows
        before = rows[rows.length - 1]?.id
        if (rows.length < 1000) return
      }
    },
    async record(entry) {
      if (
        !Number.isSafeInteger(entry.amountCents) ||
        entry.amountCents === 0 ||
        Math.abs(entry.amountCents) > MAX_CENTS
      )
        throw new LeadflowError('LF_VALIDATION', 'amount_cents must be a non-zero whole number of cents')
      if (entry.memo.trim() === '') throw new LeadflowError('LF_VALIDATION', 'A ledger entry needs a reason')
      if (entry.bookedOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(entry.bookedOn))
        throw new LeadflowError('LF_VALIDATION', 'booked_on must be a date, YYYY-MM-DD')
      const row = await store.append(entry, clock.now().toISOString())
      if (row === 'closed')
        throw new LeadflowError('LF_PERIOD_CLOSED', `${entry.bookedOn} is in a closed period`)
      if (!row)
        throw new LeadflowError('LF_NOT_FOUND', `${entry.accountKind} ${entry.accountId} does not exist`)
      return row
    },
    async balance(kind, id) {
      const sums = await store.sums(kind, id)
      if (!sums) throw new LeadflowError('LF_NOT_FOUND', `${kind} ${id} does not exist`)
      const balance = Object.values(sums).reduce((a, b) => a + b, 0)
      return { account_kind: kind, account_id: id, balance_cents: balance, by_entry: sums }
    },
  }
}
