import type { DeliverySettings } from '../delivery/delivery-settings.js'
import type { AgedTerms } from '../redistribution/aged-terms.js'

/**
 * A buyer contract as distribution reads it (storage parses the JSON columns). Filters, caps and
 * schedule are documented in docs/distribution.md.
 */
export type FilterOp =
  | 'equals'
  | 'not_equals'
  | 'in'
  | 'not_in'
  | 'range'
  | 'regex'
  | 'present'
  | 'absent'
  | 'source_in'
  | 'source_not_in'
  | 'state_in'
  | 'state_not_in'
  | 'postal_code_in'
  | 'postal_code_not_in'
  | 'within_miles'
  | 'compliance_passed'

export interface Filter {
  op: FilterOp
  field?: string
  value?: string | number
  values?: ReadonlyArray<string | number>
  min?: string | number
  max?: string | number
  pattern?: string
  flags?: string
  /** `within_miles`: the centre ZIP code and the radius (src/core/geo/zip-centroids.ts). */
  zip?: string
  miles?: number
  /** `compliance_passed`: the check that must have passed (src/core/compliance). */
  check?: string
}

export type CapPeriod = 'hour' | 'day' | 'week' | 'month'

export interface CapRule {
  period: CapPeriod
  /** Most sales in the window. */
  count?: number
  /** Most spend in the window, cents. */
  spendCents?: number
  /** Defaults to the contract's (schedule) time zone, then UTC. */
  timeZone?: string
}

/** Hours of operation; `days` absent means always open, a weekday absent from it means closed. */
export interface Schedule {
  timeZone?: string
  days?: Partial<Record<Weekday, ReadonlyArray<readonly [string, string]>>>
  /** Local dates (YYYY-MM-DD) when the contract takes nothing. */
  closedDates?: readonly string[]
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

export interface ContractInfo {
  id: number
  buyerId: number
  buyerName: string
  buyerActive: boolean
  leadTypeId: number
  name: string
  /** active | paused | off */
  status: string
  priceCents: number
  pricing: 'fixed' | 'bid'
  exclusive: boolean
  priority: number
  weight: number
  filters: readonly Filter[]
  caps: readonly CapRule[]
  schedule: Schedule
  delivery: DeliverySettings
  /** Consecutive delivery errors after which the contract pauses itself (settings `autoPauseAfter`). */
  autoPauseAfter: number
  /**
   * The contract's streak of delivery errors when it was loaded for this distribution. A clear
   * answer resets the streak only when there is one to reset (src/core/distribution/sell-to-contract.ts);
   * unknown when absent, and then the answer always resets it.
   */
  consecutiveErrors?: number
  /** Test leads may be sent to this contract (settings `acceptsTestLeads`; docs/distribution.md, "Test leads"). */
  acceptsTestLeads?: boolean
  /** The buyer's own caps and budgets, across all its contracts (buyer settings `caps`). */
  buyerCaps?: readonly CapRule[]
  /** The buyer's time zone for its caps (buyer settings `timeZone`), else UTC. */
  buyerTimeZone?: string
  /**
   * Whether the buyer had a credit line (a `buyer_credit` row, made by its first limit) when the
   * contract was loaded. `false`: it had none, so a sale without cap slots has nothing to reserve
   * (src/core/distribution/sell-to-contract.ts); unknown when absent, and then the sale reserves.
   */
  buyerCreditLine?: boolean
  /** An aged/remnant-lead contract (settings `aged`): it buys only re-distributed leads. */
  aged?: AgedTerms | null
}

export const DEFAULT_AUTO_PAUSE_AFTER = 5

/** The contract's own time zone: its schedule's, else UTC. */
export function contractTimeZone(contract: Pick<ContractInfo, 'schedule'>): string {
  return contract.schedule.timeZone ?? 'UTC'
}
