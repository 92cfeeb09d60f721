import { useMemo } from 'react'
import { Link } from 'react-router'
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { api } from '../api'
import type {
  CapPacingRow,
  Contract,
  DeliveryHealthRow,
  Items,
  PnlReport,
  PnlRow,
  PostsPerMinute,
} from '../api/types'
import { useCan } from '../auth'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Empty, Section } from '../components/section'
import { Status } from '../components/status'
import { cents } from '../format'
import { useAction, useApiQuery } from '../query'

const LIVE_MS = 10_000
const FIGURES_MS = 30_000

/** Local midnight today, and of this week's Monday, as ISO instants (the P&L report's `from`). */
function periodStarts(now = new Date()) {
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate())
  const monday = new Date(today)
  monday.setDate(today.getDate() - ((today.getDay() + 6) % 7))
  return { today: today.toISOString(), week: monday.toISOString() }
}

/**
 * The operator's day at a glance: today's and this week's funnel and money, posts per minute
 * live, the top sources and buyers, contracts near their caps, and what needs attention —
 * paused contracts and buyers whose deliveries fail.
 */
export function DashboardScreen() {
  const starts = useMemo(() => periodStarts(), [])
  const today = useApiQuery<PnlReport>(
    '/reports/pnl',
    { from: starts.today, bucket: 'all' },
    { everyMs: FIGURES_MS },
  )
  const week = useApiQuery<PnlReport>(
    '/reports/pnl',
    { from: starts.week, bucket: 'all' },
    { everyMs: FIGURES_MS },
  )
  const error = today.error ?? week.error
  return (
    <div className="dashboard">
      <div className="toolbar">
        <h1>Dashboard</h1>
        <span className="muted">
          today since {new Date(starts.today).toLocaleDateString()} · week from Monday
        </span>
      </div>
      <ErrorBanner error={error} />
      <div className="kpi-rows">
        <Figures title="Today" totals={today.data?.totals} />
        <Figures title="This week" totals={week.data?.totals} />
      </div>
      <LiveChart />
      <div className="cols even">
        <TopList title="Top sources today" from={starts.today} by="source" />
        <TopList title="Top buyers today" from={starts.today} by="buyer" />
      </div>
      <NearCaps />
      <div className="cols even">
        <PausedContracts />
        <FailingBuyers />
      </div>
    </div>
  )
}

const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '—')

function Figures({ title, totals }: { title: string; totals: PnlReport['totals'] | undefined }) {
  const t = totals
  const figures: [string, string][] = t
    ? [
        ['Posts', String(t.posted)],
        ['Accepted', pct(t.accepted, t.posted)],
        ['Sold', pct(t.sold, t.accepted)],
        ['Revenue', cents(t.revenue_cents)],
        ['Margin', cents(t.margin_cents)],
        ['Returns', String(t.returns_requested)],
      ]
    : []
  return (
    <section className="panel kpis" aria-label={title}>
      <h2>{title}</h2>
      {!t && <p className="muted">Loading…</p>}
      <dl>
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

function LiveChart() {
  const rate = useApiQuery<PostsPerMinute>('/reports/posts-per-minute', { minutes: 60 }, { everyMs: LIVE_MS })
  const data = (rate.data?.minutes ?? []).map((m) => ({
    ...m,
    label: new Date(m.minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
  }))
  const last = rate.data?.minutes.at(-1)
  const total = data.reduce((n, m) => n + m.posts, 0)
  return (
    <Section
      title="Posts per minute, last hour"
      extra={
        <span className="muted">
          {total} posts · this minute {last?.posts ?? 0} · live every {LIVE_MS / 1000}s
        </span>
      }
    >
      <ErrorBanner error={rate.error} />
      <div className="chart" role="img" aria-label={`Posts per minute over the last hour: ${total} posts`}>
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={40} tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar dataKey="posts" name="posts" fill="#1f6feb" isAnimationActive={false} />
            <Line dataKey="sold" name="sold" stroke="#1a7f37" dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </Section>
  )
}

type Ranked = PnlRow & { source_id?: number; source_name?: string; buyer_id?: number; buyer_name?: string }

function TopList({ title, from, by }: { title: string; from: string; by: 'source' | 'buyer' }) {
  const report = useApiQuery<PnlReport>(
    '/reports/pnl',
    { from, bucket: 'all', group_by: by },
    { everyMs: FIGURES_MS },
  )
  const rows = ((report.data?.rows ?? []) as Ranked[])
    .filter((r) => (by === 'source' ? r.source_id : r.buyer_id) != null)
    .sort((a, b) => b.revenue_cents - a.revenue_cents || b.posted - a.posted)
    .slice(0, 5)
  const columns = useMemo<ColumnDef<Ranked>[]>(
    () => [
      {
        id: 'name',
        header: by === 'source' ? 'Source' : 'Buyer',
        accessorFn: (r) => (by === 'source' ? r.source_name : r.buyer_name) ?? '',
      },
      ...(by === 'source'
        ? [
            { header: 'Posts', accessorKey: 'posted', meta: { num: true } } as ColumnDef<Ranked>,
            {
              id: 'sold',
              header: 'Sold',
              accessorFn: (r: Ranked) => r.sold,
              meta: { num: true },
            } as ColumnDef<Ranked>,
          ]
        : [{ header: 'Sales', accessorKey: 'sends', meta: { num: true } } as ColumnDef<Ranked>]),
      {
        header: 'Revenue',
        accessorKey: 'revenue_cents',
        meta: { num: true },
        cell: (c) => cents(c.row.original.revenue_cents),
      },
      {
        header: 'Margin',
        accessorKey: 'margin_cents',
        meta: { num: true },
        cell: (c) => cents(c.row.original.margin_cents),
      },
    ],
    [by],
  )
  return (
    <Section title={title}>
      <ErrorBanner error={report.error} />
      <DataTable
        label={title}
        data={rows}
        columns={columns}
        pageSize={0}
        loading={report.isLoading}
        empty="No traffic yet today."
      />
    </Section>
  )
}

function NearCaps() {
  const pacing = useApiQuery<{ rows: CapPacingRow[] }>('/reports/cap-pacing', undefined, {
    everyMs: FIGURES_MS,
  })
  const rows = (pacing.data?.rows ?? []).filter((r) => r.subject_kind === 'contract' && r.percent_used >= 80)
  const columns = useMemo<ColumnDef<CapPacingRow>[]>(
    () => [
      { header: 'Contract', accessorKey: 'subject_name' },
      { header: 'Period', accessorKey: 'period' },
      {
        header: 'Used',
        id: 'used',
        enableSorting: false,
        cell: ({ row: { original: r } }) =>
          r.count_cap !== null
            ? `${r.count_used} / ${r.count_cap}`
            : `${cents(r.spend_used_cents)} / ${cents(r.spend_cap_cents)}`,
      },
      {
        header: '%',
        accessorKey: 'percent_used',
        meta: { num: true },
        cell: (c) => (
          <span className={c.row.original.percent_used >= 100 ? 'bad-text' : ''}>
            {c.row.original.percent_used}%
          </span>
        ),
      },
      {
        header: 'Resets',
        accessorKey: 'window_end',
        cell: (c) => new Date(c.row.original.window_end).toLocaleString(),
      },
    ],
    [],
  )
  return (
    <Section title="Contracts near their caps (80% or more)">
      <ErrorBanner error={pacing.error} />
      <DataTable
        label="Contracts near their caps"
        data={rows}
        columns={columns}
        pageSize={10}
        initialSort={[{ id: 'percent_used', desc: true }]}
        loading={pacing.isLoading}
        empty="No contract is at 80% of a cap."
      />
    </Section>
  )
}

function PausedContracts() {
  const can = useCan()
  const contracts = useApiQuery<Items<Contract>>('/contracts', undefined, { everyMs: FIGURES_MS })
  const stopped = (contracts.data?.items ?? []).filter((c) => c.status !== 'active')
  const resume = useAction<Contract>({
    run: (c) =>
      c.status === 'paused'
        ? api('POST', `/contracts/${c.id}/resume`)
        : api('POST', `/contracts/${c.id}/switch`, { on: true }),
    success: (_r, c) => `Contract ${c.name} is active again.`,
    invalidate: [['/contracts'], ['/reports/cap-pacing']],
  })
  return (
    <Section title="Paused and switched-off contracts">
      <ErrorBanner error={contracts.error} />
      {stopped.length === 0 && !contracts.isLoading && <Empty>Every contract is active.</Empty>}
      <ul className="plain-list">
        {stopped.map((c) => (
          <li key={c.id}>
            <Status value={c.status} /> <Link to={`/contracts/${c.id}`}>{c.name}</Link>{' '}
            <span className="muted">
              {c.buyer_name}
              {c.consecutive_errors > 0 && ` · ${c.consecutive_errors} errors in a row`}
            </span>{' '}
            {can('contracts:switch') && (
              <button type="button" disabled={resume.isPending} onClick={() => resume.mutate(c)}>
                {c.status === 'paused' ? 'Resume' : 'Turn on'}
              </button>
            )}
          </li>
        ))}
      </ul>
    </Section>
  )
}

function FailingBuyers() {
  const health = useApiQuery<{ rows: DeliveryHealthRow[] }>('/reports/delivery-health', undefined, {
    everyMs: FIGURES_MS,
  })
  const failing = (health.data?.rows ?? []).filter((r) => r.errors > 0).sort((a, b) => b.errors - a.errors)
  return (
    <Section title="Failing deliveries, last 24 hours">
      <ErrorBanner error={health.error} />
      {failing.length === 0 && !health.isLoading && <Empty>No delivery errors in the last 24 hours.</Empty>}
      <ul className="plain-list">
        {failing.slice(0, 8).map((r) => (
          <li key={r.contract_id}>
            <span className="bad-text">
              {r.errors} of {r.attempts} failed
            </span>{' '}
            <Link to={`/contracts/${r.contract_id}`}>{r.contract_name ?? `contract ${r.contract_id}`}</Link>{' '}
            <span className="muted">
              {[
                r.errors_timeout && `${r.errors_timeout} timeouts`,
                r.errors_connection && `${r.errors_connection} connection`,
                r.errors_http_5xx && `${r.errors_http_5xx} HTTP 5xx`,
                r.errors_parse && `${r.errors_parse} unreadable`,
              ]
                .filter(Boolean)
                .join(', ')}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  )
}
