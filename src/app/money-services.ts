import type { LeadFilter } from '../core/leads/lead-browser.js'
import { createLedger, type Ledger } from '../core/money/ledger.js'
import type { Clock } from '../core/ports.js'
import type { LeadExport } from '../core/reports/lead-export.js'
import { createReports, type Reports } from '../core/reports/run-report.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { leadBatches } from '../storage/lead-export.js'
import { createLedgerStore } from '../storage/ledger-store.js'
import { createReportStore } from '../storage/report-rollup-store.js'

/** Money and reporting (issue 13, docs/reports.md): the P&L report, the ledger, exports. */
export interface MoneyServices {
  readonly reports: Reports
  readonly ledger: Ledger
  readonly leadExport: LeadExport
}

export function createMoneyServices(storage: StorageDialect, clock: Clock): MoneyServices {
  const { db } = storage
  return {
    reports: createReports(createReportStore(db), clock),
    ledger: createLedger(createLedgerStore(db), clock),
    leadExport: { batches: (filter: LeadFilter) => leadBatches(db, filter) },
  }
}
