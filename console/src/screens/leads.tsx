import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useRef, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { type ApiError, get, withQuery } from '../api'
import type { Buyer, Contract, Items, LeadPage, LeadSummary, LeadType, Source } from '../api/types'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Status } from '../components/status'
import { ago, cents, time } from '../format'
import { useApiQuery } from '../query'
import { RedistributeSet } from './lead-set-actions'

const STATUSES = ['received', 'accepted', 'sold', 'unsold', 'rejected', 'returned', 'pending_qc']
const WINDOWS: Record<string, number> = { '15m': 15, '1h': 60, '24h': 1440, '7d': 10_080 }
const REFRESH_MS = 5000
const PAGE = 50
const FILTER_NAMES = ['q', 'status', 'vid', 'lid', 'buyer_id', 'contract_id', 'window', 'from', 'to'] as const
type Filters = Record<(typeof FILTER_NAMES)[number], string>

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
  // Filters live in the address, so Back from a lead returns to the same list.
  const [params, setParams] = useSearchParams()
  const filters = Object.fromEntries(FILTER_NAMES.map((n) => [n, params.get(n) ?? ''])) as Filters
  const [cursors, setCursors] = useState<string[]>([])
  const [live, setLive] = useState(true)
  const navigate = useNavigate()
  const cursor = cursors.at(-1)
  const sources = useApiQuery<Items<Source>>('/sources')
  const types = useApiQuery<Items<LeadType>>('/lead-types')
  const buyers = useApiQuery<Items<Buyer>>('/buyers')
  const contracts = useApiQuery<Items<Contract>>('/contracts')
  const search = {
    q: filters.q,
    status: filters.status,
    vid: filters.vid,
    lid: filters.lid,
    buyer_id: filters.buyer_id,
    contract_id: filters.contract_id,
  }
  // The time window is computed when each request is made (not part of the key), so "last hour"
  // moves with the clock on every refresh.
  const page = useQuery<LeadPage, ApiError>({
    queryKey: ['/leads', filters, cursor],
    queryFn: () =>
      get<LeadPage>('/leads', {
        ...search,
        ...timeRange(filters),
        limit: PAGE,
        cursor,
      }),
    refetchInterval: live ? REFRESH_MS : false,
    placeholderData: keepPreviousData,
  })
  const scope = JSON.stringify([filters, cursor])
  const fresh = useFreshIds(
    page.data?.items.map((l) => l.id),
    scope,
  )

  const change = (name: keyof Filters, value: string) => {
    const next = new URLSearchParams(params)
    if (value) next.set(name, value)
    else next.delete(name)
    setParams(next, { replace: true })
    setCursors([])
  }
  const sourceName = new Map(sources.data?.items.map((s) => [s.vid, s.name]))
  const typeName = new Map(types.data?.items.map((t) => [t.lid, t.name]))
  const columns = useMemo<ColumnDef<LeadSummary>[]>(
    () => [
      {
        header: 'ID',
        accessorKey: 'id',
        cell: ({ row: { original: l } }) => (
          <>
            <Link to={`/leads/${l.id}`} onClick={(e) => e.stopPropagation()}>
              {l.id}
            </Link>
            {l.is_test && <span className="badge muted">test</span>}
          </>
        ),
      },
      {
        header: 'Received',
        accessorKey: 'received_at',
        cell: ({ row: { original: l } }) => (
          <span title={l.received_at}>
            {time(l.received_at)} <span className="muted">{ago(l.received_at)}</span>
          </span>
        ),
      },
      { header: 'Status', accessorKey: 'status', cell: (c) => <Status value={c.row.original.status} /> },
      { header: 'Response', accessorKey: 'response_type', meta: { className: 'muted' } },
      {
        header: 'Source',
        accessorKey: 'vid',
        cell: ({ row: { original: l } }) => (
          <>
            {l.vid ?? '—'} <span className="muted">{sourceName.get(l.vid ?? -1) ?? ''}</span>
          </>
        ),
      },
      { header: 'Campaign', accessorKey: 'aid' },
      {
        header: 'Lead type',
        accessorKey: 'lid',
        cell: ({ row: { original: l } }) => (
          <>
            {l.lid ?? '—'} <span className="muted">{typeName.get(l.lid ?? -1) ?? ''}</span>
          </>
        ),
      },
      {
        header: 'Price',
        accessorKey: 'price_cents',
        meta: { num: true },
        cell: (c) => cents(c.row.original.price_cents),
      },
      {
        header: 'Cost',
        accessorKey: 'cost_cents',
        meta: { num: true },
        cell: (c) => cents(c.row.original.cost_cents),
      },
      {
        id: 'margin',
        header: 'Margin',
        accessorFn: (l) => l.price_cents - l.cost_cents,
        meta: { num: true },
        cell: (c) => cents(c.getValue() as number),
      },
      { header: 'Post ID', accessorKey: 'post_id', meta: { className: 'mono muted' } },
    ],
    [sourceName, typeName],
  )

  return (
    <div>
      <div className="toolbar">
        <h1>Leads</h1>
        <SearchBox value={filters.q} onSearch={(q) => change('q', q)} />
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
          aria-label="Buyer"
          value={filters.buyer_id}
          onChange={(e) => change('buyer_id', e.target.value)}
        >
          <option value="">any buyer</option>
          {buyers.data?.items.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Contract"
          value={filters.contract_id}
          onChange={(e) => change('contract_id', e.target.value)}
        >
          <option value="">any contract</option>
          {contracts.data?.items
            .filter((c) => !filters.buyer_id || String(c.buyer_id) === filters.buyer_id)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.buyer_name} · {c.name}
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
        <button type="button" onClick={() => void page.refetch()}>
          Refresh
        </button>
        <RedistributeSet
          filter={{
            status: filters.status,
            vid: filters.vid,
            lid: filters.lid,
            ...timeRange(filters),
            narrowedBy: Boolean(filters.q || filters.buyer_id || filters.contract_id),
          }}
        />
        <a
          className="button"
          href={`/api/v1${withQuery('/exports/leads', { ...search, ...timeRange(filters), format: 'csv' })}`}
          download="leads.csv"
        >
          Export CSV
        </a>
      </div>
      <ErrorBanner error={page.error ?? undefined} />
      <div className="meta">
        {page.data ? plural(page.data.total) : page.isLoading ? 'Loading…' : ''}
        {page.dataUpdatedAt > 0 && (
          <span className="muted"> · updated {time(new Date(page.dataUpdatedAt).toISOString())}</span>
        )}
        {page.isFetching && page.data && <span className="muted"> · refreshing</span>}
      </div>
      <DataTable
        label="Leads"
        data={page.data?.items}
        columns={columns}
        rowId={(l) => String(l.id)}
        pageSize={0}
        loading={page.isLoading}
        onRowClick={(l) => navigate(`/leads/${l.id}`)}
        rowClassName={(l) => (fresh.has(l.id) ? 'fresh' : undefined)}
        empty="No leads match these filters."
      />
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

/** Email, phone, PostID, reference or lead id; searched on Enter (or the button), not per key. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(value)
  useEffect(() => setText(value), [value])
  return (
    <form
      className="search"
      onSubmit={(e) => {
        e.preventDefault()
        onSearch(text.trim())
      }}
    >
      <input
        className="search-input"
        type="search"
        aria-label="Search leads"
        placeholder="email, phone, PostID, reference, id"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit">Search</button>
    </form>
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
