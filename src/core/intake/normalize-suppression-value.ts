import type { FieldType } from '../leads/field-spec.js'
import { parseLead } from '../leads/parse-lead.js'
import type { SuppressionKind } from './suppression-candidates.js'

/**
 * A list entry in the exact form intake compares against: the field parser of the list's kind
 * gives its `normal` (an email lower-cased, a phone in E.164, …), so an entry typed as
 * "(702) 555-1212" suppresses a lead posted as "702.555.1212". Undefined when not a valid value.
 */
export function normalizeSuppressionValue(
  kind: SuppressionKind,
  value: string,
  now: Date,
): string | undefined {
  const parsed = parseLead([{ name: 'value', type: kind as FieldType, required: true }], { value }, now)
  const field = parsed.fields.value
  return field?.valid && field.normal ? field.normal : undefined
}
