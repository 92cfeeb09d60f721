import type { FieldSpec, FieldType } from '../../../src/core/leads/field-spec.js'
import { parseField } from '../../../src/core/leads/parse-field.js'
import type { ParsedValue } from '../../../src/core/leads/parsed-value.js'

/** The fixed "now" of these tests, so that ages and two-digit years do not drift. */
export const NOW = new Date('2026-11-23T12:00:00Z')

export function parseAs(type: FieldType, raw: string, spec: Partial<FieldSpec> = {}): ParsedValue {
  return parseField({ name: type, type, ...spec }, raw, NOW)
}
