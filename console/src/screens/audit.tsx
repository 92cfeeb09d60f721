import { keepPreviousData } from '@tanstack/react-query'
import { useState } from 'react'
import type { AuditEntry, AuditPage } from '../api/types'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { time } from '../format'
import { useApiQuery } from '../query'

const PAGE = 100

/** Every configuration and account change, newest first (docs/accounts.md, "Audit log"). */
export function AuditScreen() {
  const [filters, setFilters] = useState({ action: '', resource: '', actor_kind: '' })
  const [draft, setDraft] = useState(filters)
  const [cursors, setCursors] = useState<string[]>([])
  const page = useApiQuery<AuditPage>(
    '/audit',
    { ...filters, limit: PAGE, cursor: cursors.at(-1) },
    { placeholderData: keepPreviousData },
  )
  const columns: ColumnDef<AuditEntry>[] = [
    { header: 'At', accessorKey: 'at', cell: (c) => time(c.row.original.at) },
    { header: 'Who', accessorKey: 'actor_label' },
    { header: 'Action', accessorKey: 'action', meta: { className: 'mono' } },
    {
      id: 'resource',
      header: 'Resource',
      accessorFn: (e) => `${e.resource}${e.resource_id ? ` ${e.resource_id}` : ''}`,
    },
    {
      id: 'change',
      header: 'Change',
      enableSorting: false,
      cell: (c) => <Change before={c.row.original.before} after={c.row.original.after} />,
    },
    { header: 'IP', accessorKey: 'ip', meta: { className: 'muted' } },
  ]
  return (
    <div>
      <div className="toolbar">
        <h1>Audit log</h1>
        <form
          className="wrap-actions"
          onSubmit={(e) => {
            e.preventDefault()
            setFilters(draft)
            setCursors([])
          }}
        >
          <input
            aria-label="Action"
            placeholder="action, e.g. contract.update"
            value={draft.action}
            onChange={(e) => setDraft({ ...draft, action: e.target.value })}
          />
          <input
            aria-label="Resource"
            placeholder="resource, e.g. contract"
            value={draft.resource}
            onChange={(e) => setDraft({ ...draft, resource: e.target.value })}
          />
          <select
            aria-label="Actor"
            value={draft.actor_kind}
            onChange={(e) => setDraft({ ...draft, actor_kind: e.target.value })}
          >
            <option value="">anyone</option>
            <option value="user">users</option>
            <option value="key">API keys</option>
            <option value="system">leadflow / CLI</option>
          </select>
          <button type="submit">Filter</button>
        </form>
      </div>
      <ErrorBanner error={page.error} />
      <DataTable
        label="Audit log"
        data={page.data?.items}
        columns={columns}
        rowId={(e) => String(e.id)}
        pageSize={0}
        loading={page.isLoading}
        empty="No change matches."
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

/** The changed keys of before → after, compactly; the whole rows on hover. */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const b = (before ?? {}) as Record<string, unknown>
  const a = (after ?? {}) as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  )
  const text = keys
    .slice(0, 4)
    .map((k) => `${k}: ${short(b[k])} → ${short(a[k])}`)
    .join('; ')
  return (
    <span className="decision small" title={JSON.stringify({ before, after }, null, 1)}>
      {text || '—'}
      {keys.length > 4 && ` (+${keys.length - 4})`}
    </span>
  )
}

const short = (v: unknown) => {
  const s = v === undefined ? '∅' : JSON.stringify(v)
  return s.length > 40 ? `${s.slice(0, 39)}…` : s
}
