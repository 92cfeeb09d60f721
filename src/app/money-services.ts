import type { LeadFilter } from '../core/leads/lead-browser.js'
import { type CreditLimits, createCreditLimits } from '../core/money/credit-limits.js'
import { createLedger, type Ledger } from '../core/money/ledger.js'
import { createPeriods, type Periods } from '../core/money/periods.js'
import { createStatements, type Statements } from '../core/money/statements.js'
import type { Clock } from '../core/ports.js'
import { createLeadExport, type LeadExport } from '../core/reports/lead-export.js'
import { createOpsReports, type OpsReports } from '../core/reports/ops-reports.js'
import { createPostRate, type PostRate } from '../core/reports/post-rate.js'
import { createReports, type Reports } from '../core/reports/run-report.js'
import { createBooksStore } from '../storage/close-period.js'
import { createCreditStore } from '../storage/credit-store.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { leadBatches } from '../storage/lead-export.js'
import { createLedgerStore } from '../storage/ledger-store.js'
import { createOpsReportStore } from '../storage/ops-report-store.js'
import { createPostRateStore } from '../storage/post-rate-store.js'
import { createReportStore } from '../storage/report-rollup-store.js'
import { createStatementStore } from '../storage/statement-store.js'

/**
 * Money and reporting (issue 13, docs/reports.md): the P&L report, the ledger, exports, credit
 * limits, closed periods and statements.
 */
export interface MoneyServices {
  readonly reports: Reports
  /** Cap pacing, ping and bid figures, delivery health (docs/reports.md, "Operating reports"). */
  readonly opsReports: OpsReports
  /** Posts per minute for the console's live chart (docs/reports.md, "Posts per minute"). */
  readonly postRate: PostRate
  readonly ledger: Ledger
  readonly leadExport: LeadExport
  readonly credit: CreditLimits
  readonly periods: Periods
  readonly statements: Statements
}

export function createMoneyServices(storage: StorageDialect, clock: Clock): MoneyServices {
  const { db } = storage
  const periods = createPeriods(createBooksStore(storage), clock)
  return {
    credit: createCreditLimits(createCreditStore(storage), clock),
    periods,
    statements: createStatements(createStatementStore(db), periods),
    reports: createReports(createReportStore(db), clock),
    opsReports: createOpsReports(createOpsReportStore(storage), clock),
    postRate: createPostRate(createPostRateStore(db), clock),
    ledger: createLedger(createLedgerStore(db), clock),
    leadExport: createLeadExport({ batches: (filter: LeadFilter) => leadBatches(db, filter) }, clock),
  }
}
