import type { Clock } from '../ports.js'
import { zonedToUtc } from '../time/zoned-time.js'
import { addCell, emptyMeasures, finish, type Measures, mergeMeasures } from './measures.js'
import { type Dimension, type ReportQuery, type ReportRequest, reportQuery } from './report-query.js'
import type { ReportStore, RollupCell } from './report-store.js'
import { bucketMapper } from './time-buckets.js'

export type ReportRow = { bucket: string; bucket_start: string } & Record<string, unknown> & Measures

export type Report = {
  from: string
  to: string
  time_zone: string
  bucket: string
  group_by: Dimension[]
  include_test: boolean
  rows: ReportRow[]
  totals: Measures
}

const NAMED: ReadonlySet<Dimension> = new Set(['source', 'campaign', 'lead_type', 'buyer', 'contract'])

export interface Reports {
  run(request: ReportRequest): Promise<Report>
}

/** The P&L report over the hourly rollup: bucket in the report's time zone, group, derive (docs/reports.md). */
export function createReports(store: ReportStore, clock: Clock): Reports {
  return {
    async run(request) {
      const query = reportQuery(request, clock.now(), zonedMidnight)
      const cells = await store.cells(query)
      const rows = groupCells(query, cells)
      await addNames(store, query.groupBy, rows)
      const totals = emptyMeasures()
      for (const row of rows) mergeMeasures(totals, row)
      return {
        from: `${query.fromHour}:00:00.000Z`,
        to: `${query.toHour}:00:00.000Z`,
        time_zone: query.timeZone,
        bucket: query.bucket,
        group_by: [...query.groupBy],
        include_test: query.includeTest,
        rows,
        totals: finish(totals),
      }
    },
  }
}

function zonedMidnight(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  return zonedToUtc({ year, month, day, hour: 0, minute: 0 }, timeZone).getTime()
}

function groupCells(query: ReportQuery, cells: readonly RollupCell[]): ReportRow[] {
  const toBucket = bucketMapper(query.bucket, query.timeZone, query.fromHour)
  const rows = new Map<string, ReportRow>()
  for (const cell of cells) {
    const b = toBucket(cell.hour)
    const key = [b.label, ...query.groupBy.map((d) => cell.dims[d])].join('\u0000')
    let row = rows.get(key)
    if (!row) {
      row = { bucket: b.label, bucket_start: b.start, ...dimsOf(query.groupBy, cell), ...emptyMeasures() }
      rows.set(key, row)
    }
    addCell(row, cell)
  }
  return [...rows.values()].map((r) => finish(r) as ReportRow).sort(byBucketThenDims(query.groupBy))
}

function dimsOf(groupBy: readonly Dimension[], cell: RollupCell): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const d of groupBy) {
    const v = cell.dims[d]
    out[NAMED.has(d) ? `${d}_id` : d] = v === 0 || v === '' ? null : v
  }
  return out
}

function byBucketThenDims(groupBy: readonly Dimension[]) {
  const keys = groupBy.map((d) => (NAMED.has(d) ? `${d}_id` : d))
  return (a: ReportRow, b: ReportRow) => {
    if (a.bucket_start !== b.bucket_start) return a.bucket_start < b.bucket_start ? -1 : 1
    for (const k of keys) {
      const x = String(a[k] ?? '')
      const y = String(b[k] ?? '')
      if (x !== y) return x.localeCompare(y, 'en', { numeric: true })
    }
    return 0
  }
}

async function addNames(store: ReportStore, groupBy: readonly Dimension[], rows: ReportRow[]) {
  for (const d of groupBy) {
    if (!NAMED.has(d)) continue
    const ids = [...new Set(rows.map((r) => r[`${d}_id`]).filter((v): v is number => typeof v === 'number'))]
    const names = ids.length > 0 ? await store.names(d, ids) : new Map<number, string>()
    for (const row of rows) {
      const id = row[`${d}_id`]
      row[`${d}_name`] = typeof id === 'number' ? (names.get(id) ?? null) : null
    }
  }
}
