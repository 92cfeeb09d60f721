import { bool, ID_RULE, int, list, oneOf, text } from '../config/check.js'
import { checked, Problems, valueOrThrow } from '../config/problems.js'

/** Lead states a rule may re-offer: never sold (`unsold`) or every sale returned (`returned`). */
export const OFFER_STATUSES = ['unsold', 'returned'] as const
export type OfferStatus = (typeof OFFER_STATUSES)[number]

/**
 * A re-distribution rule (docs/distribution.md, "Re-distribution"): leads of `lid` (any type when
 * null) from `vid` (any source when null) in one of `statuses` are offered again to aged-lead
 * contracts `after_minutes` after they became available and after each earlier offer, at most
 * `max_attempts` times, while their consent is at most `max_consent_age_days` old.
 */
export interface RuleSpec {
  name: string
  active: boolean
  lid: number | null
  vid: number | null
  statuses: OfferStatus[]
  after_minutes: number
  max_attempts: number
  max_consent_age_days: number | null
}

export interface RuleView extends RuleSpec {
  id: number
  created_at: string
  updated_at: string
}

/** A rule as the sweep reads it, with internal ids. */
export interface RuleTerms {
  id: number
  leadTypeId: number | null
  sourceId: number | null
  statuses: OfferStatus[]
  afterMinutes: number
  maxAttempts: number
  maxConsentAgeDays: number | null
}

const MINUTES_IN_A_YEAR = 525_600

/** Validates a whole rule (create) or a rule merged with its changes (update); throws LF_VALIDATION. */
export function validateRule(input: Record<string, unknown>): RuleSpec {
  const p = new Problems()
  const statuses = list(p, ['statuses'], input.statuses, [...OFFER_STATUSES]).map((s, i) =>
    oneOf(p, ['statuses', i], s, OFFER_STATUSES),
  )
  if (statuses.length === 0) p.add(['statuses'], 'must name at least one status')
  const optionalId = (key: string) =>
    input[key] === undefined || input[key] === null ? null : int(p, [key], input[key], ID_RULE)
  const spec: RuleSpec = {
    name: text(p, ['name'], input.name),
    active: bool(p, ['active'], input.active, true),
    lid: optionalId('lid'),
    vid: optionalId('vid'),
    statuses: [...new Set(statuses)],
    after_minutes: int(p, ['after_minutes'], input.after_minutes, { min: 0, max: MINUTES_IN_A_YEAR }),
    max_attempts: int(p, ['max_attempts'], input.max_attempts, { min: 1, max: 1000 }),
    max_consent_age_days:
      input.max_consent_age_days === undefined || input.max_consent_age_days === null
        ? null
        : int(p, ['max_consent_age_days'], input.max_consent_age_days, { min: 1, max: 3650 }),
  }
  return valueOrThrow(checked(p, spec))
}
