import { normalizePhone, type Phone } from './phone.js'

/**
 * Validation of a lead added to the dialler, with the per-field messages of the Comunik8 Leads API
 * (Fail States: `{ "email": { "0": "Email cannot be blank." } }`). Its messages follow the Yii
 * framework's wording the document shows ("{Label} cannot be blank."), so the others we need
 * ("is not a valid email address.", "must be a number.") use the same framework's sentences.
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

const LABELS: Record<AddLeadField, string> = {
  email: 'Email',
  firstName: 'First Name',
  surname: 'Surname',
  mobile: 'Mobile',
  type: 'Type',
  subtype: 'Subtype',
  otherPhone: 'Other Phone',
  data: 'Data',
  delays: 'Delays',
  test: 'Test',
}

export const DATA_FIELD_MESSAGE = 'Empty or invalid content of `data` field'
export const MAX_DELAY_SECONDS = 31_536_000
const MAX_TEXT = 255
// Yii's EmailValidator pattern: what Comunik8's own validation most likely accepts.
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

export type FieldErrors = Partial<Record<AddLeadField, string[]>>

export type AddLeadCheck = { ok: true; lead: ValidAddLead } | { ok: false; errors: FieldErrors }

type Check<T> = { value: T } | { error: string }

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '')
}

function text(field: AddLeadField, v: unknown, required: boolean): Check<string | null> {
  if (isBlank(v)) return required ? { error: `${LABELS[field]} cannot be blank.` } : { value: null }
  if (typeof v !== 'string' && typeof v !== 'number') return { error: `${LABELS[field]} must be a string.` }
  const s = String(v).trim()
  if (s.length > MAX_TEXT) return { error: `${LABELS[field]} should contain at most ${MAX_TEXT} characters.` }
  return { value: s }
}

function email(v: unknown): Check<string | null> {
  const t = text('email', v, true)
  if ('error' in t || t.value === null) return t
  return EMAIL.test(t.value) ? t : { error: 'Email is not a valid email address.' }
}

function phone(field: AddLeadField, v: unknown, required: boolean): Check<Phone | null> {
  const t = text(field, v, required)
  if ('error' in t || t.value === null) return t as Check<null>
  const p = normalizePhone(t.value)
  return p ? { value: p } : { error: `${LABELS[field]} is not a valid phone number.` }
}

/** `data` is "any other additional data", a JSON string holding an object (Data + Type fields). */
export function parseDataField(v: unknown): Check<Record<string, unknown> | null> {
  if (v === undefined || v === null) return { value: null }
  let parsed: unknown = v
  if (typeof v === 'string') {
    try {
      parsed = JSON.parse(v)
    } catch {
      return { error: DATA_FIELD_MESSAGE }
    }
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
  return isObject ? { value: parsed as Record<string, unknown> } : { error: DATA_FIELD_MESSAGE }
}

function delays(v: unknown): Check<number> {
  if (isBlank(v)) return { value: 0 }
  const n = typeof v === 'string' ? Number(v.trim()) : v
  if (typeof n !== 'number' || !Number.isFinite(n)) return { error: 'Delays must be a number.' }
  if (n < 0) return { error: 'Delays must be no less than 0.' }
  if (n > MAX_DELAY_SECONDS) return { error: `Delays must be no greater than ${MAX_DELAY_SECONDS}.` }
  return { value: Math.round(n) }
}

/** `test`: "true" or no data; a client sending false/0 means "not a test". */
function testFlag(v: unknown): Check<boolean> {
  if (isBlank(v) || v === false || v === 0 || v === 'false' || v === '0') return { value: false }
  if (v === true || v === 1 || v === 'true' || v === '1') return { value: true }
  return { error: 'Test must be either "true" or "false".' }
}

export function validateAddLead(c: AddLeadCommand): AddLeadCheck {
  const checks: Record<AddLeadField, Check<unknown>> = {
    email: email(c.email),
    firstName: text('firstName', c.firstName, true),
    surname: text('surname', c.surname, true),
    mobile: phone('mobile', c.mobile, true),
    type: text('type', c.type, true),
    subtype: text('subtype', c.subtype, false),
    otherPhone: phone('otherPhone', c.otherPhone, false),
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
  const type = text('type', c.type, true)
  const subtype = text('subtype', c.subtype, false)
  const mobile = phone('mobile', c.mobile, true)
  const errors: FieldErrors = {}
  if ('error' in mobile) errors.mobile = [mobile.error]
  if ('error' in type) errors.type = [type.error]
  if ('error' in subtype) errors.subtype = [subtype.error]
  if ('error' in type || 'error' in subtype || 'error' in mobile) return { ok: false, errors }
  return { ok: true, type: type.value as string, subtype: subtype.value, mobile: mobile.value as Phone }
}
