import { accepted, type ParseOutcome, rejected } from './field-parser.js'
import type { FieldSpec } from './field-spec.js'

/** A value from spec.allowed, matched without regard to case or surrounding spaces; normal is the allowed spelling. */
export function parseEnum(input: string, spec: FieldSpec): ParseOutcome {
  const allowed = spec.allowed ?? []
  const wanted = input.toLowerCase()
  const index = allowed.findIndex((option) => option.trim().toLowerCase() === wanted)
  if (index < 0) {
    const list = allowed.length > 0 ? allowed.join(', ') : 'no values are configured'
    return rejected(input, `must be one of: ${list}`)
  }
  const value = allowed[index].trim()
  return accepted(value, { value, index })
}
