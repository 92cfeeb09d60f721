import { z } from 'zod'
import type { Contract } from '../api/types'
import {
  type CapRow,
  capRow,
  capsFromApi,
  capsToApi,
  compact,
  dollars,
  list,
  money,
  optionalInt,
  renamer,
  toCents,
} from './common'

/**
 * The contract editor's form and its translation to and from the API's contract
 * (docs/distribution.md: filters, caps, schedule, delivery, response parsing).
 */

/** The checks a `compliance_passed` filter names (docs/compliance.md; COMPLIANCE_CHECKS). */
export const COMPLIANCE_CHECKS = ['trustedform', 'jornaya', 'dnc', 'litigator'] as const

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export const FILTER_OPS = [
  ['equals', 'equals'],
  ['not_equals', 'does not equal'],
  ['in', 'is one of'],
  ['not_in', 'is none of'],
  ['range', 'is between'],
  ['regex', 'matches pattern'],
  ['present', 'is present'],
  ['absent', 'is absent'],
  ['state_in', 'state is one of'],
  ['state_not_in', 'state is none of'],
  ['postal_code_in', 'ZIP is one of'],
  ['postal_code_not_in', 'ZIP is none of'],
  ['source_in', 'source vid is one of'],
  ['source_not_in', 'source vid is none of'],
  ['within_miles', 'ZIP is within miles of'],
  ['compliance_passed', 'compliance check passed'],
].map(([value, label]) => ({ value: value as string, label: label as string }))

/** Which inputs an operator fills for each filter op. */
export function filterInputs(op: string): {
  field: 'required' | 'optional' | 'none'
  value?: true
  values?: true
  range?: true
  pattern?: true
  radius?: true
  check?: true
} {
  if (op === 'within_miles') return { field: 'none', radius: true }
  if (op === 'compliance_passed') return { field: 'none', check: true }
  if (op === 'equals' || op === 'not_equals') return { field: 'required', value: true }
  if (op === 'in' || op === 'not_in') return { field: 'required', values: true }
  if (op === 'range') return { field: 'required', range: true }
  if (op === 'regex') return { field: 'required', pattern: true }
  if (op === 'present' || op === 'absent') return { field: 'required' }
  if (op.startsWith('source_')) return { field: 'none', values: true }
  return { field: 'optional', values: true }
}

const filter = z.object({
  op: z.string(),
  field: z.string().trim(),
  value: z.string(),
  values: z.string(),
  min: z.string().trim(),
  max: z.string().trim(),
  pattern: z.string(),
  flags: z.string().trim(),
  zip: z.string().trim(),
  miles: z.string().trim(),
  check: z.string(),
})

const agedBand = z.object({
  fromHours: z.number({ error: 'Hours since intake' }).int('A whole number').min(0, 'Zero or more'),
  price: money.refine((s) => s !== '', 'Enter the price'),
})

const mapping = z.object({
  to: z.string().trim().min(1, 'Where in the body'),
  source: z.enum(['field', 'value', 'template']),
  from: z.string().trim(),
  use: z.enum(['normal', 'raw']),
  value: z.string(),
  template: z.string(),
})

export const contractSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name'),
  lid: z.number({ error: 'Choose the lead type' }).int(),
  status: z.string(),
  price: money.refine((s) => s !== '', 'Enter the price'),
  pricing: z.string(),
  exclusive: z.boolean(),
  priority: optionalInt,
  weight: optionalInt,
  autoPauseAfter: optionalInt,
  acceptsTestLeads: z.boolean(),
  aged: z.object({
    on: z.boolean(),
    minAgeHours: optionalInt,
    maxAgeHours: optionalInt,
    price: money,
    bands: z.array(agedBand),
  }),
  filters: z.array(filter),
  caps: z.array(capRow),
  schedule: z.object({
    alwaysOpen: z.boolean(),
    timeZone: z.string().trim(),
    days: z.object(
      Object.fromEntries(WEEKDAYS.map((d) => [d, z.string()])) as Record<
        (typeof WEEKDAYS)[number],
        z.ZodString
      >,
    ),
    closedDates: z.string(),
  }),
  delivery: z.object({
    target: z.enum(['http', 'sandbox', 'call_queue']),
    url: z.string().trim(),
    sandbox: z.string().trim(),
    method: z.string(),
    format: z.string(),
    timeoutMs: optionalInt,
    root: z.string().trim(),
    soapAction: z.string().trim(),
    namespace: z.string().trim(),
    mapping: z.array(mapping),
    headers: z.array(z.object({ name: z.string().trim().min(1, 'Name the header'), value: z.string() })),
    authKind: z.enum(['', 'basic', 'bearer']),
    username: z.string(),
    password: z.string(),
    token: z.string(),
    response: z.object({
      outcomeAt: z.string().trim(),
      accepted: z.string(),
      rejected: z.string(),
      reason: z.string().trim(),
      price: z.string().trim(),
      priceUnit: z.enum(['dollars', 'cents']),
      buyerLeadId: z.string().trim(),
      redirectUrl: z.string().trim(),
    }),
    queueType: z.string().trim(),
    queueSubtype: z.string().trim(),
  }),
  returns: z.object({ windowDays: optionalInt, allowConversions: z.boolean(), autoApprove: z.boolean() }),
})

export type ContractForm = z.input<typeof contractSchema>
export type ContractValues = z.output<typeof contractSchema>

type Obj = Record<string, unknown>
const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v))
const num = (v: unknown) => (typeof v === 'number' ? v : undefined)

/** The hours "09:00-17:00, 18:00-20:00" of one weekday, from `[["09:00","17:00"], …]`. */
function rangesText(ranges: unknown): string {
  return Array.isArray(ranges)
    ? ranges.map((r) => (Array.isArray(r) ? `${r[0]}-${r[1]}` : '')).join(', ')
    : ''
}

function rangesFromText(text: string): string[][] {
  return list(text).map((r) => r.split('-').map((s) => s.trim()))
}

export function contractToForm(c: Contract | undefined, lid?: number): ContractForm {
  const d = (c?.delivery ?? {}) as Obj
  const s = (c?.schedule ?? {}) as Obj
  const days = (s.days ?? undefined) as Obj | undefined
  const auth = (d.auth ?? {}) as Obj
  const response = (d.response ?? {}) as Obj
  const policy = (c?.return_policy ?? {}) as Obj
  const settings = (c?.settings ?? {}) as Obj
  const aged = (typeof settings.aged === 'object' && settings.aged !== null ? settings.aged : {}) as Obj
  return {
    name: c?.name ?? '',
    lid: (c?.lid ?? lid) as number,
    status: c?.status ?? 'active',
    price: c ? dollars(c.price_cents) : '',
    pricing: c?.pricing ?? 'fixed',
    exclusive: c?.exclusive ?? false,
    priority: c?.priority,
    weight: c?.weight,
    autoPauseAfter: num(settings.autoPauseAfter),
    acceptsTestLeads: settings.acceptsTestLeads === true,
    aged: {
      on: settings.aged === true || (typeof settings.aged === 'object' && settings.aged !== null),
      minAgeHours: num(aged.minAgeHours),
      maxAgeHours: num(aged.maxAgeHours),
      price: dollars(aged.priceCents),
      bands: ((Array.isArray(aged.bands) ? aged.bands : []) as Obj[]).map((b) => ({
        fromHours: num(b.fromHours) as number,
        price: dollars(b.priceCents),
      })),
    },
    filters: ((c?.filters ?? []) as Obj[]).map((f) => ({
      op: str(f.op),
      field: str(f.field),
      value: str(f.value),
      values: Array.isArray(f.values) ? f.values.join(', ') : '',
      min: str(f.min),
      max: str(f.max),
      pattern: str(f.pattern),
      flags: str(f.flags),
      zip: str(f.zip),
      miles: str(f.miles),
      check: str(f.check),
    })),
    caps: capsFromApi(c?.caps as Obj[] | undefined) as CapRow[],
    schedule: {
      alwaysOpen: !days,
      timeZone: str(s.timeZone),
      days: Object.fromEntries(WEEKDAYS.map((w) => [w, rangesText(days?.[w])])) as Record<
        (typeof WEEKDAYS)[number],
        string
      >,
      closedDates: Array.isArray(s.closedDates) ? s.closedDates.join(', ') : '',
    },
    delivery: {
      target: d.kind === 'call_queue' ? 'call_queue' : d.sandbox ? 'sandbox' : 'http',
      url: str(d.url),
      sandbox: str(d.sandbox),
      method: str(d.method) || 'POST',
      format: str(d.format) || 'json',
      timeoutMs: num(d.timeoutMs),
      root: str(d.root),
      soapAction: str(d.soapAction),
      namespace: str(d.namespace),
      mapping: ((d.mapping ?? []) as Obj[]).map((m) => ({
        to: str(m.to),
        source: m.template !== undefined ? 'template' : m.value !== undefined ? 'value' : 'field',
        from: str(m.from),
        use: m.use === 'raw' ? 'raw' : 'normal',
        value: str(m.value),
        template: str(m.template),
      })),
      headers: Object.entries((d.headers ?? {}) as Obj).map(([name, value]) => ({ name, value: str(value) })),
      authKind: auth.kind === 'basic' || auth.kind === 'bearer' ? auth.kind : '',
      username: str(auth.username),
      password: str(auth.password),
      token: str(auth.token),
      response: {
        outcomeAt: str(response.outcomeAt),
        accepted: str(response.accepted),
        rejected: str(response.rejected),
        reason: str(response.reason),
        price: str(response.price),
        priceUnit: response.priceUnit === 'cents' ? 'cents' : 'dollars',
        buyerLeadId: str(response.buyerLeadId),
        redirectUrl: str(response.redirectUrl),
      },
      queueType: str(d.type),
      queueSubtype: str(d.subtype),
    },
    returns: {
      windowDays: num(policy.windowDays),
      allowConversions: policy.allowConversions === true,
      autoApprove: policy.autoApprove === true,
    },
  }
}

const numeric = (s: string) => (s !== '' && !Number.isNaN(Number(s)) ? Number(s) : s || undefined)
const MANAGED_DELIVERY = [
  'kind',
  'url',
  'sandbox',
  'method',
  'format',
  'timeoutMs',
  'root',
  'soapAction',
  'namespace',
  'mapping',
  'headers',
  'auth',
  'response',
  'type',
  'subtype',
]

function filterToApi(f: ContractValues['filters'][number]): Obj {
  const inputs = filterInputs(f.op)
  const values = list(f.values)
  return compact({
    op: f.op,
    field: inputs.field === 'none' ? undefined : f.field,
    value: inputs.value ? f.value : undefined,
    values: inputs.values ? (f.op.startsWith('source_') ? values.map(Number) : values) : undefined,
    min: inputs.range ? numeric(f.min) : undefined,
    max: inputs.range ? numeric(f.max) : undefined,
    pattern: inputs.pattern ? f.pattern : undefined,
    flags: inputs.pattern ? f.flags : undefined,
    zip: inputs.radius ? f.zip : undefined,
    miles: inputs.radius ? numeric(f.miles) : undefined,
    check: inputs.check ? f.check : undefined,
  })
}

function deliveryToApi(d: ContractValues['delivery'], stored: Obj): Obj {
  const kept = Object.fromEntries(Object.entries(stored).filter(([k]) => !MANAGED_DELIVERY.includes(k)))
  if (d.target === 'call_queue')
    return { ...kept, kind: 'call_queue', ...compact({ type: d.queueType, subtype: d.queueSubtype }) }
  const response = compact({
    ...d.response,
    priceUnit: d.response.priceUnit === 'cents' ? 'cents' : undefined,
  })
  const auth =
    d.authKind === 'basic'
      ? compact({ kind: 'basic', username: d.username, password: d.password })
      : d.authKind === 'bearer'
        ? compact({ kind: 'bearer', token: d.token })
        : undefined
  return {
    ...kept,
    kind: 'http',
    ...compact({
      url: d.target === 'http' ? d.url : undefined,
      sandbox: d.target === 'sandbox' ? d.sandbox : undefined,
      method: d.method,
      format: d.format,
      timeoutMs: d.timeoutMs,
      root: d.root,
      soapAction: d.soapAction,
      namespace: d.namespace,
      auth,
    }),
    ...(d.mapping.length
      ? {
          mapping: d.mapping.map((m) =>
            m.source === 'value'
              ? { to: m.to, value: m.value }
              : m.source === 'template'
                ? { to: m.to, template: m.template }
                : compact({ to: m.to, from: m.from, use: m.use === 'raw' ? 'raw' : undefined }),
          ),
        }
      : {}),
    ...(d.headers.length ? { headers: Object.fromEntries(d.headers.map((h) => [h.name, h.value])) } : {}),
    ...(Object.keys(response).length ? { response } : {}),
  }
}

/** The body of POST /buyers/:id/contracts or PATCH /contracts/:id; keys the form does not show are kept. */
export function contractToApi(f: ContractValues, stored: Contract | undefined): Obj {
  const days = Object.fromEntries(
    WEEKDAYS.filter((w) => f.schedule.days[w].trim() !== '').map((w) => [
      w,
      rangesFromText(f.schedule.days[w]),
    ]),
  )
  const closed = list(f.schedule.closedDates)
  const settings = { ...((stored?.settings ?? {}) as Obj) }
  if (f.autoPauseAfter === undefined) delete settings.autoPauseAfter
  else settings.autoPauseAfter = f.autoPauseAfter
  if (f.acceptsTestLeads) settings.acceptsTestLeads = true
  else delete settings.acceptsTestLeads
  if (!f.aged.on) delete settings.aged
  else {
    const bands = f.aged.bands.map((b) => ({ fromHours: b.fromHours, priceCents: toCents(b.price) ?? 0 }))
    settings.aged = {
      ...compact({
        minAgeHours: f.aged.minAgeHours,
        maxAgeHours: f.aged.maxAgeHours,
        priceCents: toCents(f.aged.price),
      }),
      ...(bands.length ? { bands } : {}),
    }
  }
  return {
    name: f.name,
    lid: f.lid,
    status: f.status,
    price_cents: toCents(f.price) ?? 0,
    pricing: f.pricing,
    exclusive: f.exclusive,
    ...compact({ priority: f.priority, weight: f.weight }),
    filters: f.filters.map(filterToApi),
    caps: capsToApi(f.caps),
    schedule: compact({
      timeZone: f.schedule.timeZone,
      days: f.schedule.alwaysOpen ? undefined : days,
      closedDates: closed.length ? closed : undefined,
    }),
    delivery: deliveryToApi(f.delivery, (stored?.delivery ?? {}) as Obj),
    return_policy: compact({
      ...((stored?.return_policy ?? {}) as Obj),
      windowDays: f.returns.windowDays,
      allowConversions: f.returns.allowConversions,
      autoApprove: f.returns.autoApprove,
    }),
    settings,
  }
}

/** The API's problem paths on the contract body → the form's fields. */
export const CONTRACT_RENAMES = renamer([
  [/^price_cents$/, 'price'],
  [/^caps\.(\d+)\.spendCents$/, 'caps.$1.spend'],
  [/^filters\.(\d+)\.values\.\d+$/, 'filters.$1.values'],
  [/^schedule\.days\.(\w+)(\..*)?$/, 'schedule.days.$1'],
  [/^schedule\.closedDates\.\d+$/, 'schedule.closedDates'],
  [/^delivery\.kind$/, 'delivery.target'],
  [/^delivery\.auth\.kind$/, 'delivery.authKind'],
  [/^delivery\.auth\.(\w+)$/, 'delivery.$1'],
  [/^delivery\.type$/, 'delivery.queueType'],
  [/^delivery\.subtype$/, 'delivery.queueSubtype'],
  [/^settings\.(autoPauseAfter|acceptsTestLeads)$/, '$1'],
  [/^settings\.aged\.priceCents$/, 'aged.price'],
  [/^settings\.aged\.bands\.(\d+)\.priceCents$/, 'aged.bands.$1.price'],
  [/^settings\.aged\.(.+)$/, 'aged.$1'],
  [/^settings\.aged$/, 'aged.on'],
  [/^return_policy\.(\w+)$/, 'returns.$1'],
])
