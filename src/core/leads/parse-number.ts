import { accepted, type ParseOutcome, rejected } from './field-parser.js'
import type { FieldSpec } from './field-spec.js'

// Plain decimals; commas only as thousands separators in groups of three (1,234,567.89).
const DECIMAL = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d+))?$/

/**
 * Canonical decimal string, computed on the digits rather than through a float so that a
 * long value keeps every digit: no sign for zero, no leading or trailing zeros, no commas.
 */
export function canonicalDecimal(input: string): string | undefined {
  const match = DECIMAL.exec(input)
  if (!match || (match[2] === '' && match[3] === undefined)) return undefined
  const whole = match[2].replace(/,/g, '').replace(/^0+(?=\d)/, '') || '0'
  const fraction = (match[3] ?? '').replace(/0+$/, '')
  const magnitude = fraction ? `${whole}.${fraction}` : whole
  return match[1] === '-' && /[1-9]/.test(magnitude) ? `-${magnitude}` : magnitude
}

export function parseNumber(input: string, spec: FieldSpec): ParseOutcome {
  const normal = canonicalDecimal(input)
  if (normal === undefined) return rejected(input, 'is not a number')
  const value = Number(normal)
  if (spec.min !== undefined && value < spec.min) {
    return rejected(normal, `must be at least ${spec.min}`, { value })
  }
  if (spec.max !== undefined && value > spec.max) {
    return rejected(normal, `must be at most ${spec.max}`, { value })
  }
  return accepted(normal, { value })
}
