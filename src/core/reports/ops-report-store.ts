import type { ContractInfo } from '../distribution/contract-terms.js'

/** One cap counter row as distribution and intake write it (`cap_counters`). */
export interface CapCounter {
  readonly subject: string
  readonly window: string
  readonly count: number
  readonly spendCents: number
}

/** A source with its settings (JSON parsed) for its sale caps and post caps. */
export interface CappedSource {
  readonly id: number
  readonly name: string
  readonly settingsJson: string
}

/** A half-open UTC range `[from, to)` of ISO times. */
export interface TimeRange {
  readonly from: string
  readonly to: string
}

/** Per buyer, the ping events of a range (docs/reports.md, "Ping and bid report"). */
export interface BidRow {
  readonly buyerId: number
  readonly buyerName: string | null
  readonly pings: number
  readonly bids: number
  readonly noBids: number
  readonly errors: number
  readonly timeouts: number
  readonly wins: number
  readonly bidCentsSum: number
  readonly bestBidCents: number | null
}

export const ERROR_CAUSES = ['timeout', 'connection', 'http_4xx', 'http_5xx', 'parse', 'other'] as const
export type ErrorCause = (typeof ERROR_CAUSES)[number]

/** Per contract, the post events of a range (docs/reports.md, "Delivery health"). */
export interface DeliveryRow {
  readonly contractId: number
  readonly contractName: string | null
  readonly buyerId: number | null
  readonly attempts: number
  readonly accepted: number
  readonly rejected: number
  readonly errors: number
  readonly errorsByCause: Readonly<Record<ErrorCause, number>>
  readonly latencyP50Ms: number | null
  readonly latencyP95Ms: number | null
  readonly latencyP99Ms: number | null
}

/** Port over the rows the operating reports read (src/storage/ops-report-store.ts). */
export interface OpsReportStore {
  /** Contracts whose status is `active`, parsed as distribution parses them. */
  activeContracts(): Promise<ContractInfo[]>
  /** Sources whose status is `active`. */
  activeSources(): Promise<CappedSource[]>
  /** The counter rows of exactly these (subject, window) pairs; a pair without a row is unused. */
  capCounters(keys: ReadonlyArray<{ subject: string; window: string }>): Promise<CapCounter[]>
  bids(range: TimeRange, buyerId?: number): Promise<BidRow[]>
  deliveryHealth(range: TimeRange, contractId?: number): Promise<DeliveryRow[]>
}
