import type { Obj } from './check.js'
import { bool, ID_RULE, int, list, noUnknownKeys, objectAt, oneOf, optionalText, text } from './check.js'
import { type DuplicateRuleSpec, FIELD_TYPES, type FieldSpec, type FieldType } from './field-types.js'
import { type Checked, checked, type Path, Problems } from './problems.js'
import { checkLeadTypeSettings } from './validate-settings.js'

export const STATUSES = ['active', 'disabled'] as const

/** A lead type (LeadExec `lid`, CAKE `vertical_id`) as the API and leadflow.yaml declare it. */
export interface LeadTypeSpec {
  lid: number
  vertical_id: number
  name: string
  status: (typeof STATUSES)[number]
  fields: FieldSpec[]
  duplicate_rules: DuplicateRuleSpec[]
  settings: Obj
}

export const LEAD_TYPE_KEYS = [
  'lid',
  'vertical_id',
  'name',
  'status',
  'fields',
  'duplicate_rules',
  'settings',
]
const FIELD_KEYS = ['name', 'type', 'required', 'allowed', 'label', 'maxLength', 'min', 'max', 'country']
const RULE_KEYS = ['fields', 'windowDays', 'scope']
/** Field names become form keys, JSON keys and XML element names, so they stay within this set. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/

export function checkLeadType(p: Problems, at: Path, input: unknown, extraKeys: string[] = []): LeadTypeSpec {
  const o = objectAt(p, at, input)
  noUnknownKeys(p, at, o, [...LEAD_TYPE_KEYS, ...extraKeys])
  const lid = int(p, [...at, 'lid'], o.lid, ID_RULE)
  const fields = list(p, [...at, 'fields'], o.fields).map((f, i) => checkField(p, [...at, 'fields', i], f))
  if (o.fields === undefined) p.add([...at, 'fields'], 'is required')
  reportDuplicateNames(p, [...at, 'fields'], fields)
  const names = new Set(fields.map((f) => f.name))
  return {
    lid,
    vertical_id: o.vertical_id === undefined ? lid : int(p, [...at, 'vertical_id'], o.vertical_id, ID_RULE),
    name: text(p, [...at, 'name'], o.name),
    status: oneOf(p, [...at, 'status'], o.status, STATUSES, 'active'),
    fields,
    duplicate_rules: list(p, [...at, 'duplicate_rules'], o.duplicate_rules).map((r, i) =>
      checkRule(p, [...at, 'duplicate_rules', i], r, names),
    ),
    settings: checkLeadTypeSettings(p, [...at, 'settings'], o.settings),
  }
}

export function validateLeadType(input: unknown): Checked<LeadTypeSpec> {
  const p = new Problems()
  return checked(p, checkLeadType(p, [], input))
}

function checkField(p: Problems, at: Path, input: unknown): FieldSpec {
  const o = objectAt(p, at, input)
  noUnknownKeys(p, at, o, FIELD_KEYS)
  const name = text(p, [...at, 'name'], o.name, undefined, 64)
  if (name && !FIELD_NAME.test(name))
    p.add([...at, 'name'], `"${name}" must start with a letter and use only letters, digits and _`)
  const type = checkFieldType(p, [...at, 'type'], o.type)
  const field: FieldSpec = { name, type, required: bool(p, [...at, 'required'], o.required, false) }
  if (o.allowed !== undefined) {
    field.allowed = list(p, [...at, 'allowed'], o.allowed).map((v, i) =>
      text(p, [...at, 'allowed', i], typeof v === 'number' ? String(v) : v),
    )
  }
  if (type === 'enum' && !field.allowed?.length)
    p.add([...at, 'allowed'], 'an enum field needs a non-empty list of allowed values')
  const label = optionalText(p, [...at, 'label'], o.label)
  if (label !== undefined) field.label = label
  if (o.maxLength !== undefined) field.maxLength = int(p, [...at, 'maxLength'], o.maxLength, { min: 1 })
  if (o.min !== undefined) field.min = finite(p, [...at, 'min'], o.min)
  if (o.max !== undefined) field.max = finite(p, [...at, 'max'], o.max)
  if (o.country !== undefined && !/^[A-Z]{2}$/.test(String(o.country))) {
    p.add(
      [...at, 'country'],
      `must be an ISO 3166-1 alpha-2 code such as "US", got ${JSON.stringify(o.country)}`,
    )
  } else if (o.country !== undefined) field.country = String(o.country)
  return field
}

function checkFieldType(p: Problems, at: Path, value: unknown): FieldType {
  if (typeof value === 'string' && (FIELD_TYPES as readonly string[]).includes(value))
    return value as FieldType
  if (value === undefined) p.add(at, 'is required')
  else p.add(at, `unknown field type ${JSON.stringify(value)} (expected one of ${FIELD_TYPES.join(', ')})`)
  return 'text'
}

function finite(p: Problems, at: Path, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  p.add(at, `must be a number, got ${JSON.stringify(value)}`)
  return 0
}

function reportDuplicateNames(p: Problems, at: Path, fields: FieldSpec[]) {
  const seen = new Set<string>()
  fields.forEach((f, i) => {
    const key = f.name.toLowerCase()
    if (f.name && seen.has(key)) p.add([...at, i, 'name'], `field "${f.name}" is declared twice`)
    seen.add(key)
  })
}

function checkRule(p: Problems, at: Path, input: unknown, names: Set<string>): DuplicateRuleSpec {
  const o = objectAt(p, at, input)
  noUnknownKeys(p, at, o, RULE_KEYS)
  const fields = list(p, [...at, 'fields'], o.fields).map((f, i) => {
    const name = text(p, [...at, 'fields', i], f)
    if (name && !names.has(name)) p.add([...at, 'fields', i], `"${name}" is not a field of this lead type`)
    return name
  })
  if (fields.length === 0) p.add([...at, 'fields'], 'needs at least one field name')
  return {
    fields,
    windowDays: int(p, [...at, 'windowDays'], o.windowDays, { min: 1, max: 3650 }),
    scope: oneOf(p, [...at, 'scope'], o.scope, ['source', 'all'] as const, 'all'),
  }
}
