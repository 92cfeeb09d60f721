import type { CapRule } from './contract-terms.js'
import { isValidTimeZone } from './local-time.js'

/**
 * What distribution reads from a source's settings_json (docs/distribution.md, "Sources"):
 * the source is paid what buyers pay less a margin, never a sale below its floor.
 */
export interface SourceTerms {
  caps: readonly CapRule[]
  timeZone: string
  margin: { kind: 'percent' | 'fixed'; value: number } | null
  /** Smallest price a buyer may pay for this source's lead, cents. */
  floorCents: number
  /** Most buyers one of its leads may be sold to. */
  maxDeliveries: number | null
  /** Every lead of this source is a test lead (docs/distribution.md, "Test leads"). */
  test: boolean
}

export function sourceTerms(settings: Record<string, any>): SourceTerms {
  const margin = settings.margin
  return {
    caps: Array.isArray(settings.caps)
      ? settings.caps.filter((c: any) => ['hour', 'day', 'week', 'month'].includes(c?.period))
      : [],
    timeZone:
      typeof settings.timeZone === 'string' && isValidTimeZone(settings.timeZone) ? settings.timeZone : 'UTC',
    margin:
      margin && (margin.kind === 'percent' || margin.kind === 'fixed') && Number.isFinite(margin.value)
        ? { kind: margin.kind, value: Number(margin.value) }
        : null,
    floorCents: Number.isInteger(settings.floorCents) ? settings.floorCents : 0,
    maxDeliveries: Number.isInteger(settings.maxDeliveries) ? settings.maxDeliveries : null,
    test: settings.test === true,
  }
}

/**
 * The source's share of a sale. Percent margins round the house's share up (floor of the
 * source's), so rounding never pays out more than buyers paid.
 */
export function sourcePriceCents(priceCents: number, terms: Pick<SourceTerms, 'margin'>): number {
  if (!terms.margin) return priceCents
  const share =
    terms.margin.kind === 'percent'
      ? Math.floor((priceCents * (100 - terms.margin.value)) / 100)
      : priceCents - Math.round(terms.margin.value)
  return Math.max(0, Math.min(priceCents, share))
}
