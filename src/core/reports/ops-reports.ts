import { capSlots, capWindowBounds } from '../distribution/cap-windows.js'
import type { CapPeriod } from '../distribution/contract-terms.js'
import { contractTimeZone } from '../distribution/contract-terms.js'
import { isValidTimeZone } from '../distribution/local-time.js'
import { sourceTerms } from '../distribution/source-terms.js'
import { LeadflowError } from '../errors.js'
import { parseSourceSettings, postCapSlots, safeObject } from '../intake/source-settings.js'
import type { Clock } from '../ports.js'
import type { ErrorCause, OpsReportStore, TimeRange } from './ops-report-store.js'

/**
 * The operating reports (docs/reports.md, "Operating reports"): cap pacing from the very counter
 * rows distribution and intake take slots from, ping and bid figures per buyer, and delivery
 * health per contract, both from the events distribution records.
 */

/** `contract` (a contract's sale cap), `source` (a source's sale cap), `source_posts` (intake's post cap). */
export type CapSubjectKind = 'contract' | 'buyer' | 'source' | 'source_posts'

export interface CapPacingRow {
  subject_kind: CapSubjectKind
  subject_id: number
  subject_name: string
  buyer_id: number | null
  period: CapPeriod
  time_zone: string
  /** The counter's window key, e.g. `day:2026-11-23`. */
  window: string
  window_start: string
  window_end: string
  count_used: number
  count_cap: number | null
  spend_used_cents: number
  spend_cap_cents: number | null
  /** The larger of the count's and the spend's share of their caps, percent, 2 decimals. */
  percent_used: number
}

export interface CapPacingReport {
  at: string
  rows: CapPacingRow[]
}

export interface BidReportRow {
  buyer_id: number
  buyer_name: string | null
  pings: number
  bids: number
  no_bids: number
  errors: number
  timeouts: number
  wins: number
  win_rate: number
  average_bid_cents: number | null
  best_bid_cents: number | null
}

export interface BidReport {
  from: string
  to: string
  rows: BidReportRow[]
}

export type DeliveryHealthRow = {
  contract_id: number
  contract_name: string | null
  buyer_id: number | null
  attempts: number
  accepted: number
  rejected: number
  errors: number
  latency_p50_ms: number | null
  latency_p95_ms: number | null
  latency_p99_ms: number | null
} & { [K in `errors_${ErrorCause}`]: number }

export interface DeliveryHealthReport {
  from: string
  to: string
  rows: DeliveryHealthRow[]
}

export interface RangeRequest {
  from?: string
  to?: string
}

export interface OpsReports {
  capPacing(): Promise<CapPacingReport>
  bids(request: RangeRequest & { buyerId?: number }): Promise<BidReport>
  deliveryHealth(request: RangeRequest & { contractId?: number }): Promise<DeliveryHealthReport>
}

const DAY_MS = 86_400_000
/** Event reports read raw events, so their range is bounded (the P&L report reads rollups). */
export const MAX_EVENT_RANGE_DAYS = 31

/**
 * `from`/`to` as ISO times or dates (UTC midnight); `to` exclusive, default now; `from` defaults to
 * 24 hours before `to`; at most 31 days.
 */
export function eventRange(req: RangeRequest, now: Date): TimeRange {
  const instant = (value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback
    const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
    if (Number.isNaN(t)) throw new LeadflowError('LF_VALIDATION', `"${value}" is not a date or an ISO time`)
    return t
  }
  const to = instant(req.to, now.getTime())
  const from = instant(req.from, to - DAY_MS)
  if (from >= to) throw new LeadflowError('LF_VALIDATION', '"from" must be before "to"')
  if (to - from > MAX_EVENT_RANGE_DAYS * DAY_MS)
    throw new LeadflowError('LF_VALIDATION', `This report covers at most ${MAX_EVENT_RANGE_DAYS} days`)
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() }
}

const ratio = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10_000) / 10_000)
const percent = (used: number, cap: number | null) =>
  cap === null ? 0 : cap <= 0 ? 100 : Math.round((used / cap) * 10_000) / 100

interface PlannedCap {
  kind: CapSubjectKind
  id: number
  name: string
  buyerId: number | null
  period: CapPeriod
  timeZone: string
  subject: string
  window: string
  countCap: number | null
  spendCap: number | null
}

async function planCaps(store: OpsReportStore, at: Date): Promise<PlannedCap[]> {
  const planned: PlannedCap[] = []
  const add = (
    base: Pick<PlannedCap, 'kind' | 'id' | 'name' | 'buyerId'>,
    subject: string,
    caps: ReadonlyArray<{ period: CapPeriod; count?: number; spendCents?: number; timeZone?: string }>,
    defaultZone: string,
  ) => {
    for (const cap of caps) {
      const zone = cap.timeZone ?? defaultZone
      // A cap distribution cannot compute skips its contract (eligibility); it has no window here.
      if (!isValidTimeZone(zone) || !['hour', 'day', 'week', 'month'].includes(cap.period)) continue
      const [slot] = capSlots(subject, [cap], at, zone)
      if (!slot) continue
      planned.push({
        ...base,
        period: cap.period,
        timeZone: zone,
        subject,
        window: slot.window,
        countCap: slot.maxCount,
        spendCap: slot.maxSpendCents,
      })
    }
  }
  const contracts = await store.activeContracts()
  for (const c of contracts) {
    const zone = contractTimeZone(c)
    add(
      { kind: 'contract', id: c.id, name: c.name, buyerId: c.buyerId },
      `contract:${c.id}`,
      Array.isArray(c.caps) ? c.caps : [],
      zone,
    )
  }
  // Buyer-wide caps (docs/distribution.md, "Buyer caps"): once per buyer with an active contract.
  const buyers = new Map(contracts.map((c) => [c.buyerId, c]))
  for (const [buyerId, c] of buyers) {
    add(
      { kind: 'buyer', id: buyerId, name: c.buyerName, buyerId },
      `buyer:${buyerId}`,
      c.buyerCaps ?? [],
      c.buyerTimeZone ?? 'UTC',
    )
  }
  for (const s of await store.activeSources()) {
    const base = { id: s.id, name: s.name, buyerId: null }
    const terms = sourceTerms(safeObject(s.settingsJson))
    add({ ...base, kind: 'source' }, `source:${s.id}`, terms.caps, terms.timeZone)
    const settings = parseSourceSettings(s.settingsJson)
    if (!isValidTimeZone(settings.timeZone)) continue
    for (const slot of postCapSlots(s.id, settings, at)) {
      planned.push({
        ...base,
        kind: 'source_posts',
        period: slot.period,
        timeZone: settings.timeZone,
        subject: slot.subject,
        window: slot.window,
        countCap: slot.limit,
        spendCap: null,
      })
    }
  }
  return planned
}

export function createOpsReports(store: OpsReportStore, clock: Clock): OpsReports {
  return {
    async capPacing() {
      const at = clock.now()
      const planned = await planCaps(store, at)
      const counters = await store.capCounters(planned.map((p) => ({ subject: p.subject, window: p.window })))
      const byKey = new Map(counters.map((c) => [`${c.subject}\u0000${c.window}`, c]))
      const rows = planned.map((p): CapPacingRow => {
        const counter = byKey.get(`${p.subject}\u0000${p.window}`)
        const used = counter?.count ?? 0
        const spent = counter?.spendCents ?? 0
        const { start, end } = capWindowBounds(p.window, p.timeZone)
        return {
          subject_kind: p.kind,
          subject_id: p.id,
          subject_name: p.name,
          buyer_id: p.buyerId,
          period: p.period,
          time_zone: p.timeZone,
          window: p.window,
          window_start: start.toISOString(),
          window_end: end.toISOString(),
          count_used: used,
          count_cap: p.countCap,
          spend_used_cents: spent,
          spend_cap_cents: p.spendCap,
          percent_used: Math.max(percent(used, p.countCap), percent(spent, p.spendCap)),
        }
      })
      return { at: at.toISOString(), rows }
    },

    async bids(request) {
      const range = eventRange(request, clock.now())
      const rows = (await store.bids(range, request.buyerId)).map(
        (r): BidReportRow => ({
          buyer_id: r.buyerId,
          buyer_name: r.buyerName,
          pings: r.pings,
          bids: r.bids,
          no_bids: r.noBids,
          errors: r.errors,
          timeouts: r.timeouts,
          wins: r.wins,
          win_rate: ratio(r.wins, r.bids),
          average_bid_cents: r.bids === 0 ? null : Math.round(r.bidCentsSum / r.bids),
          best_bid_cents: r.bestBidCents,
        }),
      )
      return { ...range, rows }
    },

    async deliveryHealth(request) {
      const range = eventRange(request, clock.now())
      const rows = (await store.deliveryHealth(range, request.contractId)).map(
        (r): DeliveryHealthRow => ({
          contract_id: r.contractId,
          contract_name: r.contractName,
          buyer_id: r.buyerId,
          attempts: r.attempts,
          accepted: r.accepted,
          rejected: r.rejected,
          errors: r.errors,
          errors_timeout: r.errorsByCause.timeout,
          errors_connection: r.errorsByCause.connection,
          errors_http_4xx: r.errorsByCause.http_4xx,
          errors_http_5xx: r.errorsByCause.http_5xx,
          errors_parse: r.errorsByCause.parse,
          errors_other: r.errorsByCause.other,
          latency_p50_ms: r.latencyP50Ms,
          latency_p95_ms: r.latencyP95Ms,
          latency_p99_ms: r.latencyP99Ms,
        }),
      )
      return { ...range, rows }
    },
  }
}
