import { LeadflowError } from '../errors.js'
import type { AccountKind } from './ledger.js'
import type { Periods } from './periods.js'

export type StatementLine = {
  id: number
  booked_on: string
  created_at: string
  entry: string
  lead_id: number | null
  sale_id: number | null
  /** True for a sale row that fulfils a replacement (sold at 0). */
  replacement: boolean
  memo: string | null
  amount_cents: number
}

/** Port over the ledger by booking date (src/storage/statement-store.ts). */
export interface StatementStore {
  /** The account's name, or undefined when it does not exist. */
  accountName(kind: AccountKind, id: number): Promise<string | undefined>
  /** Sum of the account's rows booked before `day`. */
  balanceBefore(kind: AccountKind, id: number, day: string): Promise<number>
  /** The account's rows booked in [from, to), by booking date then id. */
  lines(kind: AccountKind, id: number, from: string, to: string): Promise<StatementLine[]>
}

export type Statement = {
  account_kind: AccountKind
  account_id: number
  account_name: string
  period: string
  from: string
  to: string
  /** A closed period's statement never changes (docs/reports.md, "Closed periods"). */
  closed: boolean
  opening_balance_cents: number
  closing_balance_cents: number
  /** Buyer: sales, replacements, credits, payments, adjustments. Source: leads, cost, chargebacks, payouts, adjustments. */
  summary: Record<string, number>
  lines: StatementLine[]
}

export interface Statements {
  statement(kind: AccountKind, id: number, period: string): Promise<Statement>
}

const sum = (lines: readonly StatementLine[], test: (l: StatementLine) => boolean) =>
  lines.filter(test).reduce((a, l) => a + l.amount_cents, 0)
const count = (lines: readonly StatementLine[], test: (l: StatementLine) => boolean) =>
  lines.filter(test).length
const is = (entry: string) => (l: StatementLine) => l.entry === entry

function buyerSummary(lines: readonly StatementLine[]): Record<string, number> {
  const sale = (l: StatementLine) => l.entry === 'sale' && !l.replacement
  return {
    sales: count(lines, sale),
    sales_cents: sum(lines, sale),
    replacements: count(lines, (l) => l.entry === 'sale' && l.replacement),
    credits: count(lines, is('credit')),
    credits_cents: sum(lines, is('credit')),
    payments_cents: sum(lines, is('payment')),
    adjustments_cents: sum(lines, is('adjustment')),
  }
}

function sourceSummary(lines: readonly StatementLine[]): Record<string, number> {
  const leads = new Set(lines.filter(is('source_cost')).map((l) => l.lead_id))
  return {
    leads_bought: leads.size,
    source_cost_cents: sum(lines, is('source_cost')),
    chargebacks: count(lines, is('chargeback')),
    chargebacks_cents: sum(lines, is('chargeback')),
    payouts_cents: sum(lines, is('payout')),
    adjustments_cents: sum(lines, is('adjustment')),
  }
}

/**
 * Per-period statements (issue 13) from the ledger by accounting date: a buyer's opening balance
 * (what it owed at the start), its sales, replacements, credits, payments and adjustments, and its
 * closing balance; a source's the same with leads bought, cost, chargebacks and payouts. Signs are
 * the ledger's: a credit, a chargeback, a payment and a payout are negative.
 */
export function createStatements(store: StatementStore, periods: Periods): Statements {
  return {
    async statement(kind, id, period) {
      const { from, to } = periods.range(period)
      const name = await store.accountName(kind, id)
      if (name === undefined) throw new LeadflowError('LF_NOT_FOUND', `${kind} ${id} does not exist`)
      const [opening, lines, books] = await Promise.all([
        store.balanceBefore(kind, id, from),
        store.lines(kind, id, from, to),
        periods.books(),
      ])
      const closing = opening + lines.reduce((a, l) => a + l.amount_cents, 0)
      return {
        account_kind: kind,
        account_id: id,
        account_name: name,
        period,
        from,
        to,
        closed: to <= books.open_from,
        opening_balance_cents: opening,
        closing_balance_cents: closing,
        summary: kind === 'buyer' ? buyerSummary(lines) : sourceSummary(lines),
        lines,
      }
    },
  }
}
