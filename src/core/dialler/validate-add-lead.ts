import { normalizePhone, type Phone } from './phone.js'

/**
 * Validation of a lead added to the dialler. Each failing field gets problem codes; a protocol
 * words them in its own sentences (src/protocols/comunik8/field-messages.ts).
 */
export interface AddLeadCommand {
  email?: unknown
  firstName?: unknown
  surname?: unknown
  mobile?: unknown
  type?: unknown
  subtype?: unknown
  otherPhone?: unknown
  data?: unknown
  delays?: unknown
  test?: unknown
}

export type AddLeadField = keyof AddLeadCommand

/** Field order of the document's FIELDS table; errors are listed in this order. */
export const ADD_LEAD_FIELDS: readonly AddLeadField[] = [
  'email',
  'firstName',
  'surname',
  'mobile',
  'type',
  'subtype',
  'otherPhone',
  'data',
  'delays',
  'test',
]

/** Why a field was refused; `limit` is the bound a too_long, too_small or too_large value broke. */
export type FieldProblemCode =
  | 'blank'
  | 'not_text'
  | 'too_long'
  | 'invalid_email'
  | 'invalid_phone'
  | 'not_an_object'
  | 'not_a_number'
  | 'too_small'
  | 'too_large'
  | 'not_boolean'

export interface FieldProblem {
  code: FieldProblemCode
  limit?: number
}

export const MAX_DELAY_SECONDS = 31_536_000
const MAX_TEXT = 255
// Yii's EmailValidator pattern (the framework whose messages the Leads API document shows), so the
// addresses the dialler's own validation most likely accepts pass here too.
const EMAIL =
  /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/

export interface ValidAddLead {
  email: string
  firstName: string
  surname: string
  mobile: Phone
  type: string
  subtype: string | null
  otherPhone: Phone | null
  data: Record<string, unknown> | null
  delaySeconds: number
  test: boolean
}

export type FieldErrors = Partial<Record<AddLeadField, FieldProblem[]>>

export type AddLeadCheck = { ok: true; lead: ValidAddLead } | { ok: false; errors: FieldErrors }

type Check<T> = { value: T } | { error: FieldProblem }

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
}

function problem(code: FieldProblemCode, limit?: number): { error: FieldProblem } {
  return { error: limit === undefined ? { code } : { code, limit } }
}

function text(v: unknown, required: boolean): Check<string | null> {
  if (isBlank(v)) return required ? problem('blank') : { value: null }
  if (typeof v !== 'string' && typeof v !== 'number') return problem('not_text')
  const s = String(v).trim()
  if (s.length > MAX_TEXT) return problem('too_long', MAX_TEXT)
  return { value: s }
}

function email(v: unknown): Check<string | null> {
  const t = text(v, true)
  if ('error' in t || t.value === null) return t
  return EMAIL.test(t.value) ? t : problem('invalid_email')
}

function phone(v: unknown, required: boolean): Check<Phone | null> {
  const t = text(v, required)
  if ('error' in t || t.value === null) return t as Check<null>
  const p = normalizePhone(t.value)
  return p ? { value: p } : problem('invalid_phone')
}

/** `data` is "any other additional data", a JSON string holding an object (Data + Type fields). */
export function parseDataField(v: unknown): Check<Record<string, unknown> | null> {
  if (v === undefined || v === null) return { value: null }
  let parsed: unknown = v
  if (typeof v === 'string') {
    try {
      parsed = JSON.parse(v)
    } catch {
      return problem('not_an_object')
    }
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
  return isObject ? { value: parsed as Record<string, unknown> } : problem('not_an_object')
}

function delays(v: unknown): Check<number> {
  if (isBlank(v)) return { value: 0 }
  const n = typeof v === 'string' ? Number(v.trim()) : v
  if (typeof n !== 'number' || !Number.isFinite(n)) return problem('not_a_number')
  if (n < 0) return problem('too_small', 0)
  if (n > MAX_DELAY_SECONDS) return problem('too_large', MAX_DELAY_SECONDS)
  return { value: Math.round(n) }
}

/** `test`: "true" or no data; a client sending false/0 means "not a test". */
function testFlag(v: unknown): Check<boolean> {
  if (isBlank(v) || v === false || v === 0 || v === 'false' || v === '0') return { value: false }
  if (v === true || v === 1 || v === 'true' || v === '1') return { value: true }
  return problem('not_boolean')
}

export function validateAddLead(c: AddLeadCommand): AddLeadCheck {
  const checks: Record<AddLeadField, Check<unknown>> = {
    email: email(c.email),
    firstName: text(c.firstName, true),
    surname: text(c.surname, true),
    mobile: phone(c.mobile, true),
    type: text(c.type, true),
    subtype: text(c.subtype, false),
    otherPhone: phone(c.otherPhone, false),
    data: parseDataField(c.data),
    delays: delays(c.delays),
    test: testFlag(c.test),
  }
  const errors: FieldErrors = {}
  for (const field of ADD_LEAD_FIELDS) {
    const check = checks[field]
    if ('error' in check) errors[field] = [check.error]
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const v = (field: AddLeadField) => (checks[field] as { value: unknown }).value
  return {
    ok: true,
    lead: {
      email: v('email') as string,
      firstName: v('firstName') as string,
      surname: v('surname') as string,
      mobile: v('mobile') as Phone,
      type: v('type') as string,
      subtype: v('subtype') as string | null,
      otherPhone: v('otherPhone') as Phone | null,
      data: v('data') as Record<string, unknown> | null,
      delaySeconds: v('delays') as number,
      test: v('test') as boolean,
    },
  }
}

export interface CancelLeadCommand {
  type?: unknown
  subtype?: unknown
  mobile?: unknown
}

export type CancelLeadCheck =
  | { ok: true; type: string; subtype: string | null; mobile: Phone }
  | { ok: false; errors: FieldErrors }

/** /lead/cancel takes `type` and `mobile` (both required); `subtype` narrows when given. */
export function validateCancelLead(c: CancelLeadCommand): CancelLeadCheck {
  const type = text(c.type, true)
  const subtype = text(c.subtype, false)
  const mobile = phone(c.mobile, true)
  const errors: FieldErrors = {}
  if ('error' in mobile) errors.mobile = [mobile.error]
  if ('error' in type) errors.type = [type.error]
  if ('error' in subtype) errors.subtype = [subtype.error]
  if ('error' in type || 'error' in subtype || 'error' in mobile) return { ok: false, errors }
  return { ok: true, type: type.value as string, subtype: subtype.value, mobile: mobile.value as Phone }
}
