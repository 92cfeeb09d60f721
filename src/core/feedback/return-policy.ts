/**
 * A contract's acceptance rules for buyer feedback (contracts.return_policy_json). The LeadConduit
 * document (000, "How does LeadConduit respond to a feedback request?") leaves them to the account
 * holder; these are the ones leadflow offers (docs/returns.md). Unknown or ill-typed keys fall back
 * to the defaults so that one bad value never blocks all feedback.
 */
export interface ReturnPolicy {
  /** Buyers may return at all. */
  readonly allowReturns: boolean
  /** Days after the sale within which a return is accepted; null = no limit. */
  readonly windowDays: number | null
  /** Reason names a buyer may give (case-insensitive); null = any reason. */
  readonly allowedReasons: readonly string[] | null
  /** Largest share (0–1) of the buyer's leads on this contract it may return per period; null = no cap. */
  readonly maxReturnRate: number | null
  readonly returnRatePeriodDays: number
  readonly allowConversions: boolean
  /** Buyer returns are approved at once instead of waiting in the return queue. */
  readonly autoApprove: boolean
  /** What an auto-approved return becomes. */
  readonly autoApproveAs: 'credit' | 'replace'
}

export const DEFAULT_RETURN_POLICY: ReturnPolicy = Object.freeze({
  allowReturns: true,
  windowDays: null,
  allowedReasons: null,
  maxReturnRate: null,
  returnRatePeriodDays: 30,
  allowConversions: true,
  autoApprove: false,
  autoApproveAs: 'credit',
})

const positive = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined)
const flag = (v: unknown) => (typeof v === 'boolean' ? v : undefined)

function reasons(v: unknown): readonly string[] | null {
  if (!Array.isArray(v)) return null
  const names = v.filter((r): r is string => typeof r === 'string' && r.trim() !== '')
  return names.length > 0 ? Object.freeze(names) : null
}

function rate(v: unknown): number | null {
  return typeof v === 'number' && v >= 0 && v <= 1 ? v : null
}

export function parseReturnPolicy(json: string | null | undefined): ReturnPolicy {
  let raw: Record<string, unknown> = {}
  try {
    const parsed = JSON.parse(json || '{}')
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed
  } catch {
    // An unreadable policy behaves as the default policy; the contract editor validates on save.
  }
  const d = DEFAULT_RETURN_POLICY
  return Object.freeze({
    allowReturns: flag(raw.allowReturns) ?? d.allowReturns,
    windowDays: positive(raw.windowDays) ?? d.windowDays,
    allowedReasons: reasons(raw.allowedReasons),
    maxReturnRate: rate(raw.maxReturnRate),
    returnRatePeriodDays: positive(raw.returnRatePeriodDays) ?? d.returnRatePeriodDays,
    allowConversions: flag(raw.allowConversions) ?? d.allowConversions,
    autoApprove: flag(raw.autoApprove) ?? d.autoApprove,
    autoApproveAs: raw.autoApproveAs === 'replace' ? 'replace' : 'credit',
  })
}
