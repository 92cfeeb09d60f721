import { fieldLabel } from './field-label.js'
import type { FieldParser } from './field-parser.js'
import type { FieldSpec, FieldType } from './field-spec.js'
import { parseBoolean } from './parse-boolean.js'
import { parseConsentUrl } from './parse-consent-url.js'
import { parseDate } from './parse-date.js'
import { parseDob } from './parse-dob.js'
import { parseEmail } from './parse-email.js'
import { parseEnum } from './parse-enum.js'
import { parseIp } from './parse-ip.js'
import { parseNumber } from './parse-number.js'
import { parsePhone } from './parse-phone.js'
import { parsePostalCode } from './parse-postal-code.js'
import { parseSsn } from './parse-ssn.js'
import { parseState } from './parse-state.js'
import { parseText } from './parse-text.js'
import { parseUrl } from './parse-url.js'
import type { ParsedValue } from './parsed-value.js'

const PARSERS: Readonly<Record<FieldType, FieldParser>> = {
  text: parseText,
  email: parseEmail,
  phone: parsePhone,
  postal_code: parsePostalCode,
  state: parseState,
  date: parseDate,
  dob: parseDob,
  ssn: parseSsn,
  ip: parseIp,
  url: parseUrl,
  consent_url: parseConsentUrl,
  number: parseNumber,
  boolean: parseBoolean,
  enum: parseEnum,
}

/** True when a value carries nothing: empty or only white space. Such a value is "absent". */
export function isBlank(raw: string): boolean {
  return raw.trim() === ''
}

function blankValue(spec: FieldSpec, raw: string): ParsedValue {
  const reason = spec.required ? 'is required' : 'is empty'
  return { raw, normal: '', valid: false, error: `${fieldLabel(spec)} ${reason}`, components: {} }
}

function unexpected(spec: FieldSpec, raw: string, error: unknown): ParsedValue {
  const detail = error instanceof Error ? error.message : String(error)
  return {
    raw,
    normal: raw.trim(),
    valid: false,
    error: `${fieldLabel(spec)} could not be read: ${detail}`,
    components: {},
  }
}

/**
 * Parses one value as its spec's type. Never throws: an input it cannot read is an invalid
 * value with an error message that starts with the field's label. A blank input is invalid
 * here; parseLead treats it as absent instead.
 */
export function parseField(spec: FieldSpec, raw: string, now: Date = new Date()): ParsedValue {
  const text = typeof raw === 'string' ? raw : String(raw ?? '')
  if (isBlank(text)) return blankValue(spec, text)
  if (!Object.hasOwn(PARSERS, spec.type)) return unexpected(spec, text, `unknown field type "${spec.type}"`)
  const parser = PARSERS[spec.type]
  try {
    const outcome = parser(text.trim(), spec, now)
    if (outcome.ok) return { raw: text, normal: outcome.normal, valid: true, components: outcome.components }
    const error = `${fieldLabel(spec)} ${outcome.reason}`
    return { raw: text, normal: outcome.normal, valid: false, error, components: outcome.components ?? {} }
  } catch (error) {
    // A library throw (libphonenumber-js on odd input) must not take an intake request down.
    return unexpected(spec, text, error)
  }
}
