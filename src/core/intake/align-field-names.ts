import type { FieldSpec } from '../leads/field-spec.js'

/**
 * Posted names are matched to the lead type's field names without regard to case (`email` →
 * `Email`): LeadExec post documentation is read by people who type names as they please.
 * Unknown names are kept as they came; the parser reports them as extra data.
 */
export function alignFieldNames(
  specs: readonly FieldSpec[],
  input: Record<string, string>,
): Record<string, string> {
  const byLower = new Map(specs.map((s) => [s.name.toLowerCase(), s.name]))
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(input)) {
    const canonical = byLower.get(name.toLowerCase()) ?? name
    if (out[canonical] === undefined || out[canonical] === '') out[canonical] = value
  }
  return out
}
