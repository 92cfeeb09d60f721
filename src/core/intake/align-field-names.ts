import type { FieldSpec } from '../leads/field-spec.js'

/**
 * The spec names by lower-cased name (the last spec wins a tie). A lead type's specs come frozen
 * from the configuration cache (src/storage/config-cache.ts), the same array for every post until
 * the configuration changes, so their index is built once per array; an array that is not frozen
 * could still change and gets a fresh index.
 */
const indexes = new WeakMap<readonly FieldSpec[], ReadonlyMap<string, string>>()

function namesByLower(specs: readonly FieldSpec[]): ReadonlyMap<string, string> {
  const kept = indexes.get(specs)
  if (kept) return kept
  const index = new Map(specs.map((s) => [s.name.toLowerCase(), s.name]))
  if (Object.isFrozen(specs)) indexes.set(specs, index)
  return index
}

/**
 * Posted names are matched to the lead type's field names without regard to case (`email` →
 * `Email`): LeadExec post documentation is read by people who type names as they please.
 * Unknown names are kept as they came; the parser reports them as extra data.
 */
export function alignFieldNames(
  specs: readonly FieldSpec[],
  input: Record<string, string>,
): Record<string, string> {
  const byLower = namesByLower(specs)
  const out: Record<string, string> = {}
  for (const name in input) {
    if (!Object.hasOwn(input, name)) continue
    const value = input[name]!
    const canonical = byLower.get(name.toLowerCase()) ?? name
    if (out[canonical] === undefined || out[canonical] === '') out[canonical] = value
  }
  return out
}
