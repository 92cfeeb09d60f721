import { COMPLIANCE_CHECKS } from '../compliance/compliance-facts.js'
import { FAIL_ACTIONS } from '../compliance/compliance-terms.js'
import { zipCentroid } from '../geo/zip-centroids.js'
import type { Obj } from './check.js'
import { bool, int, isObject, list, objectAt, oneOf, text } from './check.js'
import type { Path, Problems } from './problems.js'

/**
 * Settings objects (sources, lead types, buyers, contract parts) belong to the domains that read
 * them (docs/distribution.md), which may add keys of their own; so unknown keys are kept, and
 * only the keys those domains document are type-checked here, in the shapes they read.
 */
export const CAP_PERIODS = ['hour', 'day', 'week', 'month'] as const
export const FILTER_OPS = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'range',
  'regex',
  'present',
  'absent',
  'source_in',
  'source_not_in',
  'state_in',
  'state_not_in',
  'postal_code_in',
  'postal_code_not_in',
  'within_miles',
  'compliance_passed',
] as const
/** The names lead_types.settings.strategy accepts (docs/distribution.md, "Strategies"). */
export const STRATEGIES = [
  'direct',
  'waterfall',
  'priority',
  'weighted',
  'percentage',
  'round_robin',
  'price',
  'ping_post',
  'pingpost',
] as const

export interface CapSpec {
  period: (typeof CAP_PERIODS)[number]
  count?: number
  spendCents?: number
  timeZone?: string
}

/** Runs `check` on each item of a list at `at`, with the item's own path. */
function eachOf(p: Problems, at: Path, value: unknown, check: (item: unknown, at: Path) => unknown): void {
  list(p, at, value).forEach((item, i) => {
    check(item, [...at, i])
  })
}

type KeyChecks = Record<string, (at: Path, v: unknown) => void>

function checkKeys(value: Obj, at: Path, checks: KeyChecks) {
  for (const [key, check] of Object.entries(checks)) {
    if (value[key] !== undefined) check([...at, key], value[key])
  }
}

function settingsObject(p: Problems, at: Path, raw: unknown): Obj {
  return raw === undefined ? {} : objectAt(p, at, raw)
}

export function checkCaps(p: Problems, at: Path, value: unknown): CapSpec[] {
  return list(p, at, value).map((raw, i) => {
    const here = [...at, i]
    const cap = objectAt(p, here, raw)
    const out = { ...cap, period: oneOf(p, [...here, 'period'], cap.period, CAP_PERIODS) } as CapSpec
    checkKeys(cap, here, {
      count: (k, v) => int(p, k, v, { min: 0 }),
      spendCents: (k, v) => int(p, k, v, { min: 0 }),
      timeZone: (k, v) => checkTimeZone(p, k, v),
    })
    if (isObject(raw) && cap.count === undefined && cap.spendCents === undefined) {
      p.add(here, 'needs count or spendCents')
    }
    return out
  })
}

/** Source settings (docs/distribution.md, "Sources"): caps, margin, floor, max deliveries, QC hold. */
export function checkSourceSettings(p: Problems, at: Path, raw: unknown): Obj {
  const value = settingsObject(p, at, raw)
  checkKeys(value, at, {
    caps: (k, v) => checkCaps(p, k, v),
    timeZone: (k, v) => checkTimeZone(p, k, v),
    margin: (k, v) => checkMargin(p, k, v),
    floorCents: (k, v) => int(p, k, v, { min: 0 }),
    maxDeliveries: (k, v) => int(p, k, v, { min: 1 }),
    postbackUrl: (k, v) => checkUrl(p, k, v),
    qcHold: (k, v) => bool(p, k, v, false),
    test: (k, v) => bool(p, k, v, false),
    allowedLeadTypes: (k, v) => eachOf(p, k, v, (lid, at) => int(p, at, lid, { min: 1 })),
  })
  return value
}

function checkMargin(p: Problems, at: Path, raw: unknown) {
  const margin = objectAt(p, at, raw)
  const kind = oneOf(p, [...at, 'kind'], margin.kind, ['percent', 'fixed'] as const)
  int(p, [...at, 'value'], margin.value, kind === 'percent' ? { min: 0, max: 100 } : { min: 0 })
}

/** Lead type settings (docs/distribution.md, "Strategies"). */
export function checkLeadTypeSettings(p: Problems, at: Path, raw: unknown): Obj {
  const value = settingsObject(p, at, raw)
  checkKeys(value, at, {
    strategy: (k, v) => oneOf(p, k, v, STRATEGIES),
    qcHold: (k, v) => bool(p, k, v, false),
    maxSends: (k, v) => int(p, k, v, { min: 1 }),
    pingTimeoutMs: (k, v) => int(p, k, v, { min: 1, max: 60_000 }),
    orderTtlSeconds: (k, v) => int(p, k, v, { min: 1 }),
    compliance: (k, v) => checkCompliance(p, k, v),
  })
  return value
}

/** Lead type compliance settings (docs/compliance.md). */
function checkCompliance(p: Problems, at: Path, raw: unknown): void {
  const value = objectAt(p, at, raw)
  checkKeys(value, at, {
    checks: (k, v) => eachOf(p, k, v, (c, here) => oneOf(p, here, c, COMPLIANCE_CHECKS)),
    claim: (k, v) => bool(p, k, v, false),
    failAction: (k, v) => oneOf(p, k, v, FAIL_ACTIONS),
    maxConsentAgeDays: (k, v) => int(p, k, v, { min: 1, max: 3650 }),
  })
}

/**
 * Contract settings: the auto-pause threshold, test leads and the aged-lead terms
 * (docs/distribution.md, "Contracts", "Test leads", "Re-distribution").
 */
export function checkContractSettings(p: Problems, at: Path, raw: unknown): Obj {
  const value = settingsObject(p, at, raw)
  checkKeys(value, at, {
    acceptsTestLeads: (k, v) => bool(p, k, v, false),
    autoPauseAfter: (k, v) => int(p, k, v, { min: 1, max: 1000 }),
    aged: (k, v) => {
      if (v === true) return
      const aged = objectAt(p, k, v)
      checkKeys(aged, k, {
        minAgeHours: (k2, v2) => int(p, k2, v2, { min: 0 }),
        maxAgeHours: (k2, v2) => int(p, k2, v2, { min: 0 }),
        priceCents: (k2, v2) => int(p, k2, v2, { min: 0 }),
        bands: (k2, v2) =>
          eachOf(p, k2, v2, (band, here) => {
            const b = objectAt(p, here, band)
            int(p, [...here, 'fromHours'], b.fromHours, { min: 0 })
            int(p, [...here, 'priceCents'], b.priceCents, { min: 0 })
          }),
      })
    },
  })
  return value
}

/**
 * Buyer settings (docs/distribution.md, "Buyer caps"): caps and budgets across all of the
 * buyer's contracts, and the time zone their windows follow.
 */
export function checkBuyerSettings(p: Problems, at: Path, raw: unknown): Obj {
  const value = settingsObject(p, at, raw)
  checkKeys(value, at, {
    caps: (k, v) => checkCaps(p, k, v),
    timeZone: (k, v) => checkTimeZone(p, k, v),
  })
  return value
}

export function checkPlainSettings(p: Problems, at: Path, raw: unknown): Obj {
  return settingsObject(p, at, raw)
}

function checkUrl(p: Problems, at: Path, value: unknown): void {
  const s = typeof value === 'string' ? value : ''
  if (!/^https?:\/\/\S+$/i.test(s)) p.add(at, `must be an http(s) URL, got ${JSON.stringify(value)}`)
}

function checkTimeZone(p: Problems, at: Path, value: unknown): void {
  if (typeof value === 'string' && isTimeZone(value)) return
  p.add(at, `unknown time zone ${JSON.stringify(value)} (use an IANA name such as "America/New_York")`)
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

/** Contract delivery (docs/distribution.md, "Delivery"): an HTTP buyer endpoint or the call queue. */
export function checkDelivery(p: Problems, at: Path, raw: unknown): Obj {
  const value = settingsObject(p, at, raw)
  checkKeys(value, at, {
    kind: (k, v) => oneOf(p, k, v, ['http', 'call_queue', 'email'] as const),
    to: (k, v) => eachOf(p, k, v, (address, at) => checkEmail(p, at, address)),
    subject: (k, v) => text(p, k, v),
    fields: (k, v) => eachOf(p, k, v, (name, at) => text(p, at, name)),
    url: (k, v) => checkUrl(p, k, v),
    method: (k, v) => oneOf(p, k, v, ['GET', 'POST', 'PUT', 'PATCH'] as const),
    format: (k, v) => oneOf(p, k, v, ['json', 'form', 'xml', 'query', 'soap'] as const),
    sandbox: (k, v) => checkSandboxName(p, k, v),
    allowPrivate: (k) =>
      p.add(k, 'is not accepted: private targets are allowed only by the operator (LEADFLOW_OUTBOUND_ALLOW)'),
    timeoutMs: (k, v) => int(p, k, v, { min: 1, max: 120_000 }),
    mapping: (k, v) => eachOf(p, k, v, (m, at) => text(p, [...at, 'to'], objectAt(p, at, m).to)),
  })
  if (value.kind === 'email' && (!Array.isArray(value.to) || value.to.length === 0))
    p.add([...at, 'to'], 'an email delivery needs the buyer\'s addresses: "to": ["leads@buyer.example"]')
  if (value.sandbox !== undefined && (value.url !== undefined || objectOrEmpty(value.ping).url !== undefined))
    p.add([...at, 'url'], "a sandbox contract always targets leadflow's own sandbox; leave url out")
  return value
}

const EMAIL = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/

function checkEmail(p: Problems, at: Path, value: unknown): void {
  if (typeof value !== 'string' || !EMAIL.test(value))
    p.add(at, `must be an email address, got ${JSON.stringify(value)}`)
}

function objectOrEmpty(value: unknown): Obj {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : {}
}

function checkSandboxName(p: Problems, at: Path, value: unknown): void {
  if (typeof value !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(value))
    p.add(at, 'must be a sandbox name: lowercase letters, digits and dashes')
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
const HOUR_RANGE = /^([01]\d|2[0-4]):[0-5]\d$/

/** Contract schedule (hours of operation): a known time zone, weekdays with [from, to] ranges. */
export function checkSchedule(p: Problems, at: Path, raw: unknown): Obj {
  const value = settingsObject(p, at, raw)
  checkKeys(value, at, {
    timeZone: (k, v) => checkTimeZone(p, k, v),
    days: (k, v) => {
      const days = objectAt(p, k, v)
      for (const [day, ranges] of Object.entries(days)) {
        if (!WEEKDAYS.includes(day)) p.add([...k, day], `unknown weekday (use ${WEEKDAYS.join(', ')})`)
        eachOf(p, [...k, day], ranges, (r, at) => checkHourRange(p, at, r))
      }
    },
    closedDates: (k, v) =>
      list(p, k, v).forEach((d, i) => {
        if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d))
          p.add([...k, i], 'must be a date YYYY-MM-DD')
      }),
  })
  return value
}

function checkHourRange(p: Problems, at: Path, range: unknown) {
  const ok =
    Array.isArray(range) &&
    range.length === 2 &&
    range.every((t) => typeof t === 'string' && HOUR_RANGE.test(t))
  if (!ok) p.add(at, `must be ["HH:MM", "HH:MM"], got ${JSON.stringify(range)}`)
}

/**
 * Days after the sale a return is accepted in. 0 is refused: the policy reader treats anything
 * but a positive number as "no window", so a 0 that validated would mean the opposite of what it
 * says (issue 18). No window is written by leaving the key out.
 */
function checkWindowDays(p: Problems, at: Path, value: unknown): void {
  if (value === 0) {
    p.add(at, 'must be at least 1 (days after the sale); leave windowDays out for no return window')
    return
  }
  int(p, at, value, { min: 1 })
}

/** Contract return policy (LeadConduit feedback "acceptance rules", CAKE return windows). */
export function checkReturnPolicy(p: Problems, at: Path, raw: unknown): Obj {
  const value = settingsObject(p, at, raw)
  checkKeys(value, at, {
    windowDays: (k, v) => checkWindowDays(p, k, v),
    allowConversions: (k, v) => bool(p, k, v, true),
    autoApprove: (k, v) => bool(p, k, v, false),
  })
  return value
}

/** Contract filters (docs/distribution.md, "Filters"); distribution evaluates them. */
export function checkFilters(p: Problems, at: Path, raw: unknown): Obj[] {
  return list(p, at, raw).map((item, i) => {
    const here = [...at, i]
    const filter = objectAt(p, here, item)
    const op = oneOf(p, [...here, 'op'], filter.op, FILTER_OPS)
    const fieldless = /^(source|state|postal_code)_|^within_miles$|^compliance_passed$/.test(op)
    if (!fieldless || filter.field !== undefined) text(p, [...here, 'field'], filter.field)
    if (['in', 'not_in'].includes(op) || /^(source|state|postal_code)_/.test(op))
      list(p, [...here, 'values'], filter.values ?? null)
    if (op === 'regex') checkPattern(p, [...here, 'pattern'], filter.pattern, filter.flags)
    if (op === 'within_miles') checkRadius(p, here, filter)
    if (op === 'compliance_passed') oneOf(p, [...here, 'check'], filter.check, COMPLIANCE_CHECKS)
    return filter
  })
}

/** A zip radius: a centre the ZIP data set knows and a positive number of miles. */
function checkRadius(p: Problems, at: Path, filter: Obj): void {
  if (typeof filter.zip !== 'string' || !zipCentroid(filter.zip))
    p.add([...at, 'zip'], `must be a known 5-digit US ZIP code, got ${JSON.stringify(filter.zip)}`)
  const miles = filter.miles
  if (typeof miles !== 'number' || !Number.isFinite(miles) || miles <= 0 || miles > 5000)
    p.add([...at, 'miles'], `must be a number of miles between 0 and 5000, got ${JSON.stringify(miles)}`)
}

function checkPattern(p: Problems, at: Path, pattern: unknown, flags: unknown) {
  try {
    new RegExp(String(pattern ?? ''), typeof flags === 'string' ? flags : undefined)
    if (typeof pattern !== 'string') p.add(at, 'is required')
  } catch (error) {
    p.add(at, `is not a valid regular expression: ${(error as Error).message}`)
  }
}
