import { fieldLabel } from './field-label.js'
import type { FieldSpec } from './field-spec.js'
import { setOwn } from './own-record.js'
import { isBlank, parseField } from './parse-field.js'
import type { ParsedValue } from './parsed-value.js'

export interface FieldError {
  field: string
  message: string
  /** missing: a required field was absent or blank; invalid: its value failed its type's rules. */
  kind?: 'missing' | 'invalid'
}

export interface ParsedLead {
  /** Declared fields that were present, keyed by the spec's name; invalid ones too, with valid false. */
  fields: Record<string, ParsedValue>
  /** Inputs no spec declares, kept as sent and not validated. */
  extra: Record<string, string>
  errors: FieldError[]
}

/** Input keys by lower-cased name; when two keys differ only in case, the first non-blank wins. */
function indexInput(input: Record<string, string>): Map<string, { key: string; value: string }> {
  const index = new Map<string, { key: string; value: string }>()
  for (const [key, rawValue] of Object.entries(input)) {
    const value = typeof rawValue === 'string' ? rawValue : String(rawValue ?? '')
    const name = key.toLowerCase()
    const seen = index.get(name)
    if (!seen || (isBlank(seen.value) && !isBlank(value))) index.set(name, { key, value })
  }
  return index
}

function missing(spec: FieldSpec): FieldError {
  return { field: spec.name, message: `${fieldLabel(spec)} is required`, kind: 'missing' }
}

/** Inputs whose lower-cased key no spec declares, as sent. */
function undeclaredInputs(
  input: Record<string, string>,
  declared: ReadonlySet<string>,
): Record<string, string> {
  const extra: Record<string, string> = {}
  for (const [key, value] of Object.entries(input)) {
    if (declared.has(key.toLowerCase())) continue
    setOwn(extra, key, typeof value === 'string' ? value : String(value ?? ''))
  }
  return extra
}

/**
 * Parses every declared field (case-insensitive name match: 'email' matches spec 'Email'),
 * reports missing required ones and invalid values; undeclared inputs go to `extra` (kept,
 * unvalidated). A blank value of an optional field is absent: not in `fields`, no error.
 */
export function parseLead(
  specs: readonly FieldSpec[],
  input: Record<string, string>,
  now: Date = new Date(),
): ParsedLead {
  const index = indexInput(input)
  const fields: Record<string, ParsedValue> = {}
  const errors: FieldError[] = []
  const declared = new Set<string>()
  for (const spec of specs) {
    const name = spec.name.toLowerCase()
    if (declared.has(name)) continue
    declared.add(name)
    const value = index.get(name)?.value
    if (value === undefined || isBlank(value)) {
      if (spec.required) errors.push(missing(spec))
      continue
    }
    const parsed = parseField(spec, value, now)
    setOwn(fields, spec.name, parsed)
    if (!parsed.valid) errors.push({ field: spec.name, message: parsed.error ?? '', kind: 'invalid' })
  }
  return { fields, extra: undeclaredInputs(input, declared), errors }
}
