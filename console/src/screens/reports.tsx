import { useMemo, useState } from 'react'
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { withQuery } from '../api'
import type { PnlReport, PnlRow } from '../api/types'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Section } from '../components/section'
import { cents } from '../format'
import { useApiQuery } from '../query'

const BUCKETS = ['hour', 'day', 'week', 'month'] as const
const GROUPS = ['', 'source', 'buyer', 'lead_type', 'contract', 'campaign', 'state', 'reason']
const DAY = 86_400_000

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * The funnel and P&L report (GET /api/v1/reports/pnl, docs/reports.md) as a chart and a table;
 * "Download CSV" fetches the same report as CSV. Dates are days in the chosen time zone.
 */
export function ReportsScreen() {
  const [from, setFrom] = useState(isoDay(Date.now() - 13 * DAY))
  const [to, setTo] = useState(isoDay(Date.now() + DAY))
  const [bucket, setBucket] = useState<(typeof BUCKETS)[number]>('day')
  const [groupBy, setGroupBy] = useState('')
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  const query = { from, to, bucket, group_by: groupBy, time_zone: zone }
  const report = useApiQuery<PnlReport>('/reports/pnl', query)
  const series = useMemo(() => byBucket(report.data?.rows ?? []), [report.data])
  const totals = report.data?.totals
  return (
    <div>
      <div className="toolbar">
        <h1>Reports</h1>
        <label>
          From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <select
          aria-label="Bucket"
          value={bucket}
          onChange={(e) => setBucket(e.target.value as typeof bucket)}
        >
          {BUCKETS.map((b) => (
            <option key={b} value={b}>
              by {b}
            </option>
          ))}
        </select>
        <select aria-label="Group by" value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
          {GROUPS.map((g) => (
            <option key={g} value={g}>
              {g ? `per ${g.replace('_', ' ')}` : 'no grouping'}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <a
          className="button"
          href={`/api/v1${withQuery('/reports/pnl', { ...query, format: 'csv' })}`}
          download="report.csv"
        >
          Download CSV
        </a>
      </div>
      <ErrorBanner error={report.error} />
      {totals && (
        <dl className="facts">
          <dt>Posted</dt>
          <dd>{totals.posted}</dd>
          <dt>Sold</dt>
          <dd>{totals.sold}</dd>
          <dt>Revenue</dt>
          <dd className="num-strong">{cents(totals.revenue_cents)}</dd>
          <dt>Net margin</dt>
          <dd>{cents(totals.net_margin_cents)}</dd>
          <dt>Return rate</dt>
          <dd>{(totals.return_rate * 100).toFixed(1)}%</dd>
        </dl>
      )}
      <Section title="Revenue and volume">
        <div className="work-chart" role="img" aria-label={`Revenue, net margin and leads sold by ${bucket}`}>
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={series} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="bucket" />
              <YAxis yAxisId="money" tickFormatter={(v: number) => `$${v}`} />
              <YAxis yAxisId="count" orientation="right" allowDecimals={false} />
              <Tooltip />
              <Legend />
              <Bar yAxisId="money" dataKey="revenue" name="Revenue ($)" fill="#2f6fdf" />
              <Bar yAxisId="money" dataKey="margin" name="Net margin ($)" fill="#3aa675" />
              <Line yAxisId="count" dataKey="posted" name="Posted" stroke="#8a63d2" />
              <Line yAxisId="count" dataKey="sold" name="Sold" stroke="#d2691e" />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      </Section>
      <Section title="By bucket">
        <DataTable
          label="Report rows"
          data={report.data?.rows}
          columns={columns(report.data?.group_by ?? [])}
          loading={report.isLoading}
          empty="Nothing in this period."
        />
      </Section>
    </div>
  )
}

/** One point per bucket, summed over the groups; money in dollars for the axis. */
function byBucket(rows: readonly PnlRow[]) {
  const points = new Map<
    string,
    { bucket: string; revenue: number; margin: number; posted: number; sold: number }
  >()
  for (const r of rows) {
    const p = points.get(r.bucket) ?? { bucket: r.bucket, revenue: 0, margin: 0, posted: 0, sold: 0 }
    p.revenue += r.revenue_cents / 100
    p.margin += r.net_margin_cents / 100
    p.posted += r.posted
    p.sold += r.sold
    points.set(r.bucket, p)
  }
  return [...points.values()]
}

function columns(groups: readonly string[]): ColumnDef<PnlRow>[] {
  const money = (key: keyof PnlRow & string, header: string): ColumnDef<PnlRow> => ({
    id: key,
    header,
    accessorFn: (r) => r[key] as number,
    meta: { num: true },
    cell: (c) => cents(c.getValue() as number),
  })
  const count = (key: keyof PnlRow & string, header: string): ColumnDef<PnlRow> => ({
    id: key,
    header,
    accessorFn: (r) => r[key] as number,
    meta: { num: true },
  })
  const dims: ColumnDef<PnlRow>[] = groups.map((g) => ({
    id: g,
    header: g.replace('_', ' '),
    accessorFn: (r) => {
      const row = r as Record<string, unknown>
      return String(row[`${g}_name`] ?? row[`${g}_id`] ?? row[g] ?? '')
    },
  }))
  return [
    { header: 'Bucket', accessorKey: 'bucket' },
    ...dims,
    count('posted', 'Posted'),
    count('accepted', 'Accepted'),
    count('rejected', 'Rejected'),
    count('sold', 'Sold'),
    money('revenue_cents', 'Revenue'),
    money('source_cost_cents', 'Source cost'),
    money('net_margin_cents', 'Net margin'),
    count('returns_credited', 'Credited returns'),
  ]
}
