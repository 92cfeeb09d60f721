import * as msg from './feedback-messages.js'
import type { ReturnPolicy } from './return-policy.js'

const DAY_MS = 86_400_000

export interface ReturnAttempt {
  /** When the sale happened (ISO). */
  soldAt: string
  now: Date
  reason: string
  converted: boolean
}

/**
 * The contract rules a buyer's return must pass, first refusal wins (000: "if you are only
 * allowed to provide rejects within 7 days … your return may not be accepted"). Returns the
 * refusal text, or null when the return is acceptable. The return-rate cap needs counts read
 * under a lock and is checked separately (refuseReturnRate).
 */
export function refuseReturn(policy: ReturnPolicy, attempt: ReturnAttempt): string | null {
  if (!policy.allowReturns) return msg.RETURNS_NOT_ACCEPTED
  if (attempt.converted) return msg.CONVERTED_CANNOT_RETURN
  if (policy.windowDays !== null) {
    const age = attempt.now.getTime() - Date.parse(attempt.soldAt)
    if (age > policy.windowDays * DAY_MS) return msg.outsideWindow(policy.windowDays)
  }
  if (policy.allowedReasons) {
    const wanted = attempt.reason.trim().toLowerCase()
    const ok = policy.allowedReasons.some((r) => r.trim().toLowerCase() === wanted)
    if (!ok) return msg.reasonNotAccepted(attempt.reason, policy.allowedReasons)
  }
  return null
}

export interface ReturnRateStats {
  /** The buyer's sales on this contract in the period. */
  sales: number
  /** Its returns on this contract in the period that were not rejected. */
  returns: number
}

/** Refuses a return that would take the buyer past its return-rate cap for the period. */
export function refuseReturnRate(policy: ReturnPolicy, stats: ReturnRateStats): string | null {
  if (policy.maxReturnRate === null) return null
  const sales = Math.max(stats.sales, 1)
  if ((stats.returns + 1) / sales <= policy.maxReturnRate) return null
  return msg.returnRateReached(policy.maxReturnRate, policy.returnRatePeriodDays)
}

export function returnRateSince(policy: ReturnPolicy, now: Date): Date {
  return new Date(now.getTime() - policy.returnRatePeriodDays * DAY_MS)
}

export interface ConversionAttempt {
  returned: boolean
  converted: boolean
}

export function refuseConversion(policy: ReturnPolicy, attempt: ConversionAttempt): string | null {
  if (!policy.allowConversions) return msg.CONVERSIONS_NOT_ACCEPTED
  if (attempt.returned) return msg.RETURNED_CANNOT_CONVERT
  if (attempt.converted) return msg.ALREADY_CONVERTED
  return null
}
