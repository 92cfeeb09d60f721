import { LeadflowError } from '../errors.js'
import { isTimeZone } from '../time/zoned-time.js'

/** What a report can be grouped by (docs/reports.md, "Dimensions"). */
export const DIMENSIONS = ['source', 'campaign', 'lead_type', 'buyer', 'contract', 'reason', 'state'] as const
export type Dimension = (typeof DIMENSIONS)[number]

export const BUCKETS = ['hour', 'day', 'week', 'month', 'all'] as const
export type Bucket = (typeof BUCKETS)[number]

/** Equality filters on the id dimensions. */
export type ReportFilter = Partial<Record<'source' | 'campaign' | 'lead_type' | 'buyer' | 'contract', number>>

export interface ReportQuery {
  /** UTC hour the report starts at, `YYYY-MM-DDTHH` (inclusive). */
  readonly fromHour: string
  /** UTC hour the report ends before, `YYYY-MM-DDTHH` (exclusive). */
  readonly toHour: string
  readonly timeZone: string
  readonly bucket: Bucket
  readonly groupBy: readonly Dimension[]
  readonly filter: ReportFilter
  readonly includeTest: boolean
}

export interface ReportRequest {
  from?: string
  to?: string
  timeZone?: string
  bucket?: Bucket
  groupBy?: string
  filter?: ReportFilter
  includeTest?: boolean
}

const HOUR_MS = 3_600_000

/** `YYYY-MM-DDTHH` of the UTC hour holding `t` (rounded up when `up` and t is inside an hour). */
export function hourOf(t: number, up = false): string {
  const h = up ? Math.ceil(t / HOUR_MS) * HOUR_MS : Math.floor(t / HOUR_MS) * HOUR_MS
  return new Date(h).toISOString().slice(0, 13)
}

/**
 * Checks and completes a report request: the range defaults to the 30 days before `now`; a bare
 * date (`2026-03-08`) is that day's midnight in the report's time zone; the range is widened to
 * whole UTC hours (rollups are hourly).
 */
export function reportQuery(
  req: ReportRequest,
  now: Date,
  zonedMidnight: (date: string, tz: string) => number,
) {
  const timeZone = req.timeZone ?? 'UTC'
  if (!isTimeZone(timeZone)) throw new LeadflowError('LF_VALIDATION', `Unknown time zone "${timeZone}"`)
  const instant = (value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback
    const t = /^\d{4}-\d{2}-\d{2}$/.test(value) ? zonedMidnight(value, timeZone) : Date.parse(value)
    if (Number.isNaN(t)) throw new LeadflowError('LF_VALIDATION', `"${value}" is not a date or an ISO time`)
    return t
  }
  const to = instant(req.to, now.getTime())
  const from = instant(req.from, to - 30 * 24 * HOUR_MS)
  if (from >= to) throw new LeadflowError('LF_VALIDATION', '"from" must be before "to"')
  if (to - from > 400 * 24 * HOUR_MS)
    throw new LeadflowError('LF_VALIDATION', 'A report covers at most 400 days')
  const query: ReportQuery = {
    fromHour: hourOf(from),
    toHour: hourOf(to, true),
    timeZone,
    bucket: req.bucket ?? 'day',
    groupBy: parseGroupBy(req.groupBy),
    filter: req.filter ?? {},
    includeTest: req.includeTest === true,
  }
  return query
}

function parseGroupBy(value: string | undefined): Dimension[] {
  if (!value) return []
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  for (const name of names) {
    if (!(DIMENSIONS as readonly string[]).includes(name))
      throw new LeadflowError('LF_VALIDATION', `Cannot group by "${name}"; one of: ${DIMENSIONS.join(', ')}`)
  }
  return [...new Set(names)] as Dimension[]
}
