import type { FieldSpec } from '../leads/field-spec.js'
import type { ParsedLead } from '../leads/parse-lead.js'
import type { SuppressionCandidate } from './intake-store.js'

/** Field types a suppression list can hold (suppression_lists.kind). */
export const SUPPRESSION_KINDS = ['email', 'phone', 'ip', 'postal_code'] as const
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number]

/** Every valid email, phone, IP and postal code of the lead, normalized as lists store them. */
export function suppressionCandidates(specs: readonly FieldSpec[], lead: ParsedLead): SuppressionCandidate[] {
  const out: SuppressionCandidate[] = []
  for (const spec of specs) {
    if (!(SUPPRESSION_KINDS as readonly string[]).includes(spec.type)) continue
    const value = lead.fields[spec.name]
    if (value?.valid && value.normal) out.push({ kind: spec.type, value: value.normal, field: spec.name })
  }
  return out
}
