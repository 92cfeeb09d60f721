import { useMemo } from 'react'
import { Link, useNavigate } from 'react-router'
import type { Items, LeadType } from '../api/types'
import { useCan } from '../auth'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Status } from '../components/status'
import { useApiQuery } from '../query'

/** Lead types (lid): the fields a lead carries, its duplicate rules and how it is sold. */
export function LeadTypesScreen() {
  const can = useCan()
  const navigate = useNavigate()
  const types = useApiQuery<Items<LeadType>>('/lead-types')
  const columns = useMemo<ColumnDef<LeadType>[]>(
    () => [
      {
        header: 'LID',
        accessorKey: 'lid',
        cell: (c) => <Link to={`/lead-types/${c.row.original.lid}`}>{c.row.original.lid}</Link>,
      },
      { header: 'Name', accessorKey: 'name' },
      { header: 'Status', accessorKey: 'status', cell: (c) => <Status value={c.row.original.status} /> },
      {
        header: 'Fields',
        id: 'fields',
        enableSorting: false,
        meta: { className: 'small' },
        cell: (c) =>
          (c.row.original.fields as { name: string; required?: boolean }[])
            .map((f) => `${f.name}${f.required ? '*' : ''}`)
            .join(', '),
      },
      {
        header: 'Duplicates',
        id: 'dups',
        enableSorting: false,
        meta: { className: 'small' },
        cell: (c) =>
          (c.row.original.duplicate_rules as { fields: string[]; windowDays: number }[])
            .map((r) => `${r.fields.join('+')} ${r.windowDays}d`)
            .join(', ') || 'none',
      },
      {
        header: 'Strategy',
        id: 'strategy',
        cell: (c) => String(c.row.original.settings.strategy ?? 'waterfall'),
      },
    ],
    [],
  )
  return (
    <div>
      <div className="toolbar">
        <h1>Lead types</h1>
        <span className="spacer" />
        {can('config:write') && (
          <Link className="button primary" to="/lead-types/new">
            New lead type
          </Link>
        )}
      </div>
      <ErrorBanner error={types.error} />
      <DataTable
        label="Lead types"
        data={types.data?.items}
        columns={columns}
        rowId={(t) => String(t.lid)}
        loading={types.isLoading}
        onRowClick={(t) => navigate(`/lead-types/${t.lid}`)}
        empty="No lead types yet: a lead type lists the fields its leads carry."
      />
    </div>
  )
}
