import { type ComplianceCheck, isComplianceCheck } from './compliance-facts.js'

/**
 * A lead type's compliance settings (`lead_types.settings_json.compliance`, docs/compliance.md):
 * which checks every lead of the type gets, whether consent certificates are claimed or only
 * verified, what a failed check does, and the oldest consent the type sells.
 */
export interface ComplianceTerms {
  checks: ComplianceCheck[]
  claim: boolean
  /** `block`: a failed check leaves the lead unsold with the reason; `record`: filters decide. */
  failAction: 'block' | 'record'
  maxConsentAgeDays: number | null
}

export const FAIL_ACTIONS = ['block', 'record'] as const

export function complianceTerms(raw: unknown): ComplianceTerms {
  const s = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
  const checks = Array.isArray(s.checks) ? s.checks.filter(isComplianceCheck) : []
  const maxAge = s.maxConsentAgeDays
  return {
    checks: [...new Set(checks)],
    claim: s.claim === true,
    failAction: s.failAction === 'record' ? 'record' : 'block',
    maxConsentAgeDays: Number.isInteger(maxAge) && (maxAge as number) > 0 ? (maxAge as number) : null,
  }
}
