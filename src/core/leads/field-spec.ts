/** The kinds of value a lead type's field can hold; docs/field-types.md describes each one. */
export type FieldType =
  | 'text'
  | 'email'
  | 'phone'
  | 'postal_code'
  | 'state'
  | 'date'
  | 'dob'
  | 'ssn'
  | 'ip'
  | 'url'
  | 'consent_url'
  | 'number'
  | 'boolean'
  | 'enum'

/** One declared field of a lead type. */
export interface FieldSpec {
  name: string
  type: FieldType
  required?: boolean
  /** enum: the accepted values, in their canonical spelling. */
  allowed?: string[]
  /** Used in error messages instead of the name. */
  label?: string
  /** text: the most characters (code points) accepted. */
  maxLength?: number
  /** number: inclusive bounds. */
  min?: number
  max?: number
  /** Default region for phones given in national form, an ISO 3166-1 alpha-2 code; 'US' when absent. */
  country?: string
}

export const FIELD_TYPES: readonly FieldType[] = Object.freeze([
  'text',
  'email',
  'phone',
  'postal_code',
  'state',
  'date',
  'dob',
  'ssn',
  'ip',
  'url',
  'consent_url',
  'number',
  'boolean',
  'enum',
])
