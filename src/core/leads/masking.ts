import type { FieldSpec } from './field-spec.js'
import type { Components, ParsedValue } from './parsed-value.js'

/** Every digit but the last four becomes "*"; other characters stay, so the shape is still visible. */
function maskDigits(text: string): string {
  let keep = 4
  const chars = [...text]
  for (let i = chars.length - 1; i >= 0; i--) {
    if (!/\d/.test(chars[i])) continue
    if (keep > 0) keep--
    else chars[i] = '*'
  }
  return chars.join('')
}

function maskSsn(value: ParsedValue): ParsedValue {
  const digits = value.normal.replace(/\D/g, '')
  const last4 = digits.slice(-4)
  const normal = value.valid ? `***-**-${last4}` : maskDigits(value.normal)
  const components: Components = last4 ? { last4 } : {}
  const masked: ParsedValue = { raw: maskDigits(value.raw), normal, valid: value.valid, components }
  return value.error === undefined ? masked : { ...masked, error: value.error }
}

/**
 * Values safe to log/store in events: ssn masked to ***-**-1234; others unchanged. Leads are
 * personal data (DESIGN.md, "Security and data"); a full SSN never leaves the lead row.
 */
export function maskForLog(spec: FieldSpec | undefined, value: ParsedValue): ParsedValue {
  return spec?.type === 'ssn' ? maskSsn(value) : value
}
