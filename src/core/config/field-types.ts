/**
 * Field types and the field shape are owned by core/leads (docs/field-types.md); configuration
 * re-exports them so a typo such as "emial" is refused when the lead type is saved, not when the
 * first lead arrives.
 */
export { FIELD_TYPES, type FieldSpec, type FieldType } from '../leads/field-spec.js'

/** A duplicate rule as stored in lead_types.duplicate_rules_json. */
export type DuplicateRuleSpec = {
  fields: string[]
  windowDays: number
  scope: 'source' | 'all'
}
