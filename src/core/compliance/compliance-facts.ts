/**
 * The compliance checks leadflow runs and the outcomes they record (docs/compliance.md). Each
 * outcome is stored per lead (`lead_compliance`) and shows to contract filters as the field
 * `compliance.<check>` (and `compliance.<check>.reason`), so a buyer may demand a check with
 * `{ "op": "compliance_passed", "check": "trustedform" }` or test an outcome with `equals`.
 */
export const COMPLIANCE_CHECKS = ['trustedform', 'jornaya', 'dnc', 'litigator'] as const
export type ComplianceCheck = (typeof COMPLIANCE_CHECKS)[number]

/**
 * `verified` / `claimed`: the consent certificate is genuine (and, claimed, retained for us);
 * `clear`: the phone is on no list; `failed`: the provider said no; `listed`: the phone is on a
 * list; `missing`: the lead carries no token or phone to check; `error`: no usable answer.
 */
export type ComplianceOutcome = 'verified' | 'claimed' | 'clear' | 'failed' | 'listed' | 'missing' | 'error'

/** Outcomes that pass a check; anything else fails it (an unreachable provider included). */
export const COMPLIANCE_PASSES: readonly string[] = ['verified', 'claimed', 'clear']

export function isComplianceCheck(value: unknown): value is ComplianceCheck {
  return (COMPLIANCE_CHECKS as readonly unknown[]).includes(value)
}

/** The filter field a check's outcome is read from. */
export function complianceField(check: string): string {
  return `compliance.${check}`
}

/** The consent's age in whole days, as the field `compliance.consent_age_days` shows it. */
export const CONSENT_AGE_FIELD = 'compliance.consent_age_days'

export interface ComplianceResult {
  check: ComplianceCheck
  outcome: ComplianceOutcome
  reason: string | null
  /** Provider facts worth keeping: certificate age and expiry, list names. */
  data: Record<string, unknown>
  checkedAt: Date
}

export function passed(result: Pick<ComplianceResult, 'outcome'>): boolean {
  return COMPLIANCE_PASSES.includes(result.outcome)
}
