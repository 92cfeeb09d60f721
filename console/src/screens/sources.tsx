import { useMemo } from 'react'
import { Link, useNavigate } from 'react-router'
import type { Campaign, Items, Source } from '../api/types'
import { useCan } from '../auth'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Status } from '../components/status'
import { caps, time } from '../format'
import { useApiQuery } from '../query'

/** Sources (by vid) with their campaigns; a row opens the source's editor. */
export function SourcesScreen() {
  const can = useCan()
  const navigate = useNavigate()
  const sources = useApiQuery<Items<Source>>('/sources', undefined, { everyMs: 30_000 })
  const campaigns = useApiQuery<Items<Campaign>>('/campaigns', undefined, { everyMs: 30_000 })
  const byVid = new Map<number, Campaign[]>()
  for (const c of campaigns.data?.items ?? []) byVid.set(c.vid, [...(byVid.get(c.vid) ?? []), c])
  const columns = useMemo<ColumnDef<Source>[]>(
    () => [
      {
        header: 'VID',
        accessorKey: 'vid',
        cell: (c) => <Link to={`/sources/${c.row.original.vid}`}>{c.row.original.vid}</Link>,
      },
      { header: 'Name', accessorKey: 'name' },
      { header: 'Status', accessorKey: 'status', cell: (c) => <Status value={c.row.original.status} /> },
      {
        header: 'Auth',
        id: 'auth',
        enableSorting: false,
        cell: ({ row: { original: s } }) =>
          [s.has_password && 'password', s.require_token && 'token required'].filter(Boolean).join(', ') ||
          'none',
      },
      {
        header: 'Campaigns (aid · lid)',
        id: 'campaigns',
        enableSorting: false,
        meta: { className: 'small' },
        cell: ({ row: { original: s } }) =>
          (byVid.get(s.vid) ?? []).map((c) => (
            <div key={c.aid}>
              {c.aid} · {c.name} <span className="muted">lid {c.lid ?? 'any'}</span>{' '}
              {c.status !== 'active' && <Status value={c.status} />}
            </div>
          )),
      },
      {
        header: 'Margin',
        id: 'margin',
        enableSorting: false,
        cell: (c) => formatMargin(c.row.original.settings.margin),
      },
      {
        header: 'Caps',
        id: 'caps',
        enableSorting: false,
        cell: (c) => caps((c.row.original.settings.caps as never) ?? []),
      },
      { header: 'Created', accessorKey: 'created_at', cell: (c) => time(c.row.original.created_at) },
    ],
    [byVid],
  )
  return (
    <div>
      <div className="toolbar">
        <h1>Sources</h1>
        <span className="spacer" />
        {can('config:write') && (
          <Link className="button primary" to="/sources/new">
            New source
          </Link>
        )}
      </div>
      <ErrorBanner error={sources.error ?? campaigns.error} />
      <DataTable
        label="Sources"
        data={sources.data?.items}
        columns={columns}
        rowId={(s) => String(s.vid)}
        loading={sources.isLoading}
        onRowClick={(s) => navigate(`/sources/${s.vid}`)}
        empty="No sources yet: a source is a seller that posts leads. Create one to start."
      />
    </div>
  )
}

export function formatMargin(margin: unknown): string {
  const m = margin as { kind?: string; value?: number } | undefined
  if (!m?.kind) return '—'
  return m.kind === 'percent' ? `${m.value}%` : `$${((m.value ?? 0) / 100).toFixed(2)} fixed`
}
