import { useEffect, useRef, useState } from 'react'
import { get } from '../api'
import type { Items, LeadPage, LeadType, Source } from '../api/types'
import { ErrorBanner } from '../components/error-banner'
import { Empty } from '../components/section'
import { Status } from '../components/status'
import { ago, cents, time } from '../format'
import { Link, navigate } from '../router'
import { useApi } from '../use-api'

const STATUSES = ['received', 'accepted', 'sold', 'unsold', 'rejected', 'returned', 'pending_qc']
const WINDOWS: Record<string, number> = { '15m': 15, '1h': 60, '24h': 1440, '7d': 10_080 }
const REFRESH_MS = 5000
const PAGE = 50

interface Filters {
  status: string
  vid: string
  lid: string
  window: string
  from: string
  to: string
}

const FILTER_NAMES = ['status', 'vid', 'lid', 'window', 'from', 'to'] as const

// Filters live in the address (replaceState), so Back from a lead returns to the same list.
function readFilters(): Filters {
  const q = new URLSearchParams(window.location.search)
  return Object.fromEntries(FILTER_NAMES.map((n) => [n, q.get(n) ?? ''])) as unknown as Filters
}

function writeFilters(f: Filters) {
  const q = new URLSearchParams()
  for (const n of FILTER_NAMES) if (f[n]) q.set(n, f[n])
  const search = q.toString()
  window.history.replaceState(null, '', window.location.pathname + (search ? `?${search}` : ''))
}

function timeRange(f: Filters): { from?: string; to?: string } {
  if (f.window === 'custom') {
    const iso = (v: string) => (v ? new Date(v).toISOString() : undefined)
    return { from: iso(f.from), to: iso(f.to) }
  }
  const minutes = WINDOWS[f.window]
  return minutes ? { from: new Date(Date.now() - minutes * 60_000).toISOString() } : {}
}

/** Recent leads, newest first, refreshed every few seconds; a row opens the lead. */
export function LeadsScreen() {
  const [filters, setFilters] = useState(readFilters)
  const [cursors, setCursors] = useState<string[]>([])
  const [live, setLive] = useState(true)
  const cursor = cursors.at(-1)
  const sources = useApi(() => get<Items<Source>>('/sources'), 'sources')
  const types = useApi(() => get<Items<LeadType>>('/lead-types'), 'lead-types')
  const page = useApi(
    () =>
      get<LeadPage>('/leads', {
        status: filters.status,
        vid: filters.vid,
        lid: filters.lid,
        ...timeRange(filters),
        limit: PAGE,
        cursor,
      }),
    JSON.stringify([filters, cursor]),
    live ? REFRESH_MS : undefined,
  )
  const fresh = useFreshIds(
    page.data?.items.map((l) => l.id),
    JSON.stringify([filters, cursor]),
  )

  const change = (name: keyof Filters, value: string) => {
    const next = { ...filters, [name]: value }
    setFilters(next)
    setCursors([])
    writeFilters(next)
  }
  const sourceName = new Map(sources.data?.items.map((s) => [s.vid, s.name]))
  const typeName = new Map(types.data?.items.map((t) => [t.lid, t.name]))
  const items = page.data?.items ?? []

  return (
    <div>
      <div className="toolbar">
        <h1>Leads</h1>
        <select aria-label="Status" value={filters.status} onChange={(e) => change('status', e.target.value)}>
          <option value="">any status</option>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Source" value={filters.vid} onChange={(e) => change('vid', e.target.value)}>
          <option value="">any source</option>
          {sources.data?.items.map((s) => (
            <option key={s.vid} value={s.vid}>
              {s.vid} · {s.name}
            </option>
          ))}
        </select>
        <select aria-label="Lead type" value={filters.lid} onChange={(e) => change('lid', e.target.value)}>
          <option value="">any lead type</option>
          {types.data?.items.map((t) => (
            <option key={t.lid} value={t.lid}>
              {t.lid} · {t.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Received"
          value={filters.window}
          onChange={(e) => change('window', e.target.value)}
        >
          <option value="">any time</option>
          <option value="15m">last 15 minutes</option>
          <option value="1h">last hour</option>
          <option value="24h">last 24 hours</option>
          <option value="7d">last 7 days</option>
          <option value="custom">between…</option>
        </select>
        {filters.window === 'custom' && (
          <>
            <input
              type="datetime-local"
              aria-label="From"
              value={filters.from}
              onChange={(e) => change('from', e.target.value)}
            />
            <input
              type="datetime-local"
              aria-label="To"
              value={filters.to}
              onChange={(e) => change('to', e.target.value)}
            />
          </>
        )}
        <span className="spacer" />
        <label className="check">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> live (
          {REFRESH_MS / 1000}s)
        </label>
        <button type="button" onClick={page.reload}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={page.error} />
      <div className="meta">
        {page.data ? plural(page.data.total) : page.loading ? 'Loading…' : ''}
        {page.at && <span className="muted"> · updated {time(page.at.toISOString())}</span>}
        {page.loading && page.data && <span className="muted"> · refreshing</span>}
      </div>
      <table className="grid clickable">
        <thead>
          <tr>
            <th>ID</th>
            <th>Received</th>
            <th>Status</th>
            <th>Response</th>
            <th>Source</th>
            <th>Campaign</th>
            <th>Lead type</th>
            <th className="num">Price</th>
            <th className="num">Cost</th>
            <th className="num">Margin</th>
            <th>Post ID</th>
          </tr>
        </thead>
        <tbody>
          {items.map((l) => (
            <tr
              key={l.id}
              className={fresh.has(l.id) ? 'fresh' : ''}
              onClick={() => navigate(`leads/${l.id}`)}
            >
              <td>
                <Link to={`leads/${l.id}`}>{l.id}</Link>
                {l.is_test && <span className="badge muted">test</span>}
              </td>
              <td title={l.received_at}>
                {time(l.received_at)} <span className="muted">{ago(l.received_at)}</span>
              </td>
              <td>
                <Status value={l.status} />
              </td>
              <td className="muted">{l.response_type ?? ''}</td>
              <td>
                {l.vid ?? '—'} <span className="muted">{sourceName.get(l.vid ?? -1) ?? ''}</span>
              </td>
              <td>{l.aid ?? '—'}</td>
              <td>
                {l.lid ?? '—'} <span className="muted">{typeName.get(l.lid ?? -1) ?? ''}</span>
              </td>
              <td className="num">{cents(l.price_cents)}</td>
              <td className="num">{cents(l.cost_cents)}</td>
              <td className="num">{cents(l.price_cents - l.cost_cents)}</td>
              <td className="mono muted">{l.post_id}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.data && items.length === 0 && <Empty>No leads match these filters.</Empty>}
      <div className="pager">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </button>
        <span className="muted">page {cursors.length + 1}</span>
        <button
          type="button"
          disabled={!page.data?.next_cursor}
          onClick={() => setCursors([...cursors, page.data!.next_cursor!])}
        >
          Older →
        </button>
      </div>
    </div>
  )
}

const plural = (n: number) => (n === 1 ? '1 lead matches' : `${n} leads match`)

/** Ids that were not on screen at the previous refresh (highlighted briefly); reset by `scope`. */
function useFreshIds(ids: number[] | undefined, scope: string): Set<number> {
  const seen = useRef<{ scope: string; ids: Set<number> } | null>(null)
  const [fresh, setFresh] = useState<Set<number>>(new Set())
  const key = ids?.join(',')
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for ids
  useEffect(() => {
    if (!ids) return
    const before = seen.current
    if (before && before.scope === scope) setFresh(new Set(ids.filter((id) => !before.ids.has(id))))
    else setFresh(new Set())
    seen.current = { scope, ids: new Set([...(before?.scope === scope ? before.ids : []), ...ids]) }
  }, [key, scope])
  return fresh
}
