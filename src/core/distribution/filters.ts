import { COMPLIANCE_PASSES, complianceField } from '../compliance/compliance-facts.js'
import { milesBetweenZips } from '../geo/zip-centroids.js'
import type { Filter } from './contract-terms.js'
import { type FieldValue, fieldValue, isPresent } from './lead-view.js'

export interface FilterSubject {
  fields: Record<string, FieldValue>
  sourceVid: number | null
  /** A ping carries a partial lead: a filter on a field it lacks cannot fail yet. */
  partial?: boolean
}

const lower = (v: unknown) => String(v).trim().toLowerCase()
const inList = (v: unknown, list: ReadonlyArray<string | number> = []) =>
  list.some((x) => lower(x) === lower(v))

function postalMatches(value: unknown, list: ReadonlyArray<string | number> = []): boolean {
  const zip = lower(value)
  // "902*" is a prefix (an area); anything else matches the whole code or its 5-digit base (ZIP+4).
  return list.some((entry) => {
    const e = lower(entry)
    return e.endsWith('*') ? zip.startsWith(e.slice(0, -1)) : zip === e || zip.split('-')[0] === e
  })
}

function inRange(value: unknown, min: unknown, max: unknown): boolean {
  const numeric = typeof min !== 'string' && typeof max !== 'string'
  const v = numeric ? Number(value) : String(value)
  if (numeric && Number.isNaN(v)) return false
  if (min !== undefined && v < (numeric ? Number(min) : String(min))) return false
  if (max !== undefined && v > (numeric ? Number(max) : String(max))) return false
  return true
}

function withinMiles(value: unknown, filter: Filter): boolean {
  const miles = milesBetweenZips(value, filter.zip)
  return miles !== undefined && miles <= Number(filter.miles)
}

function describeDistance(field: string, value: unknown, filter: Filter): string {
  const miles = milesBetweenZips(value, filter.zip)
  if (miles === undefined) return `${field} ${value} is not a known ZIP code`
  return `${field} ${value} is ${Math.round(miles)} miles from ${filter.zip} (limit ${filter.miles})`
}

function describe(filter: Filter, subject: FilterSubject): string {
  const list = `[${(filter.values ?? []).join(', ')}]`
  if (filter.op === 'source_in') return `source ${subject.sourceVid} not in ${list}`
  if (filter.op === 'source_not_in') return `source ${subject.sourceVid} is in ${list}`
  const field = fieldOf(filter)
  const value = fieldValue(subject.fields, field)
  if (filter.op === 'absent') return `${field} is present`
  if (filter.op === 'compliance_passed' && !isPresent(value))
    return `compliance check ${filter.check} was not run`
  if (!isPresent(value)) return `${field} is missing`
  switch (filter.op) {
    case 'equals':
      return `${field} ${value} is not ${filter.value}`
    case 'not_equals':
      return `${field} is ${filter.value}`
    case 'in':
    case 'state_in':
    case 'postal_code_in':
      return `${field} ${value} not in ${list}`
    case 'not_in':
    case 'state_not_in':
    case 'postal_code_not_in':
      return `${field} ${value} is in ${list}`
    case 'range':
      return `${field} ${value} not in range ${filter.min ?? '-∞'}..${filter.max ?? '∞'}`
    case 'regex':
      return `${field} does not match /${filter.pattern}/`
    case 'within_miles':
      return describeDistance(field, value, filter)
    case 'compliance_passed':
      return `compliance check ${filter.check} ${value}${reasonOf(subject, filter)}`
    default:
      return `${field} fails ${filter.op}`
  }
}

function reasonOf(subject: FilterSubject, filter: Filter): string {
  const reason = fieldValue(subject.fields, `${complianceField(String(filter.check))}.reason`)
  return isPresent(reason) ? `: ${reason}` : ''
}

function fieldOf(filter: Filter): string {
  if (filter.op === 'compliance_passed') return complianceField(String(filter.check))
  if (filter.field) return filter.field
  if (filter.op === 'within_miles') return 'Zip'
  if (filter.op.startsWith('state_')) return 'State'
  if (filter.op.startsWith('postal_code_')) return 'Zip'
  return ''
}

function passes(filter: Filter, subject: FilterSubject): boolean {
  if (filter.op === 'source_in') return inList(subject.sourceVid, filter.values)
  if (filter.op === 'source_not_in') return !inList(subject.sourceVid, filter.values)
  const value = fieldValue(subject.fields, fieldOf(filter))
  if (filter.op === 'present') return isPresent(value) || (subject.partial === true && value === undefined)
  if (filter.op === 'absent') return !isPresent(value)
  if (!isPresent(value)) return subject.partial === true && value === undefined
  switch (filter.op) {
    case 'equals':
      return lower(value) === lower(filter.value)
    case 'not_equals':
      return lower(value) !== lower(filter.value)
    case 'in':
    case 'state_in':
      return inList(value, filter.values)
    case 'not_in':
    case 'state_not_in':
      return !inList(value, filter.values)
    case 'postal_code_in':
      return postalMatches(value, filter.values)
    case 'postal_code_not_in':
      return !postalMatches(value, filter.values)
    case 'range':
      return inRange(value, filter.min, filter.max)
    case 'regex':
      return new RegExp(filter.pattern ?? '', filter.flags).test(String(value))
    case 'within_miles':
      return withinMiles(value, filter)
    case 'compliance_passed':
      return COMPLIANCE_PASSES.includes(lower(value))
    default:
      return false
  }
}

/**
 * The reason the first failing filter gives, or null when all pass. A missing value fails every
 * value test, `not_in` included: a buyer who filters on a field relies on knowing it.
 */
export function failingFilter(filters: readonly Filter[], subject: FilterSubject): string | null {
  for (const filter of filters) {
    let ok: boolean
    try {
      ok = passes(filter, subject)
    } catch (error) {
      return `filter ${filter.op} is invalid: ${(error as Error).message}`
    }
    if (!ok) return describe(filter, subject)
  }
  return null
}
