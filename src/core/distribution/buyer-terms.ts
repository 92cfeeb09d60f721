import type { CapRule } from './contract-terms.js'
import { isValidTimeZone } from './local-time.js'

/**
 * What distribution reads from a buyer's settings_json (docs/distribution.md, "Buyer caps"):
 * caps and budgets that hold across every contract of the buyer, in the buyer's time zone.
 */
export interface BuyerTerms {
  caps: readonly CapRule[]
  timeZone: string
}

export function buyerTerms(settings: Record<string, any>): BuyerTerms {
  return {
    caps: Array.isArray(settings.caps) ? settings.caps : [],
    timeZone:
      typeof settings.timeZone === 'string' && isValidTimeZone(settings.timeZone) ? settings.timeZone : 'UTC',
  }
}
