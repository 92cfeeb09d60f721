import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'

export type CreditLine = {
  buyer_id: number
  /** Null: no limit. */
  limit_cents: number | null
  /** The buyer's ledger balance: what it owes us (negative while prepaid funds remain). */
  balance_cents: number
  /** Sales in flight: sent, not yet answered. */
  reserved_cents: number
  /** `limit − balance − reserved`; null without a limit. */
  available_cents: number | null
}

/** Port over buyer_credit (src/storage/credit-store.ts). */
export interface CreditStore {
  /** Undefined when the buyer does not exist. */
  setLimit(buyerId: number, limitCents: number | null, at: string): Promise<CreditLine | undefined>
  get(buyerId: number): Promise<CreditLine | undefined>
}

export interface CreditLimits {
  set(buyerId: number, limitCents: number | null): Promise<CreditLine>
  get(buyerId: number): Promise<CreditLine>
}

/**
 * A buyer's credit limit (issue 13): distribution skips its contracts with "credit limit reached"
 * when a sale would take balance + reservations past the limit (src/storage/reserve-credit.ts).
 * A limit of 0 means prepaid only: the buyer buys while its payments cover its sales.
 */
export function createCreditLimits(store: CreditStore, clock: Clock): CreditLimits {
  return {
    async set(buyerId, limitCents) {
      if (limitCents !== null && (!Number.isSafeInteger(limitCents) || limitCents < 0))
        throw new LeadflowError('LF_VALIDATION', 'limit_cents must be a whole number of cents, 0 or more')
      const line = await store.setLimit(buyerId, limitCents, clock.now().toISOString())
      if (!line) throw new LeadflowError('LF_NOT_FOUND', `buyer ${buyerId} does not exist`)
      return line
    },
    async get(buyerId) {
      const line = await store.get(buyerId)
      if (!line) throw new LeadflowError('LF_NOT_FOUND', `buyer ${buyerId} does not exist`)
      return line
    },
  }
}
