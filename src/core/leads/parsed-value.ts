export type Components = Record<string, string | number | boolean>

/**
 * One field's value after parsing. `raw` is what the source sent, `normal` the canonical form
 * (for an invalid value, the cleaned input), and `components` the parts that rules, duplicate
 * checks and buyer templates read (a phone's area code, an email's domain, a dob's age…).
 */
export interface ParsedValue {
  raw: string
  normal: string
  valid: boolean
  error?: string
  components: Components
}
