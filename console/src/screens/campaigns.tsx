import { useMemo } from 'react'
import { Link, useNavigate } from 'react-router'
import type { Campaign, Items, LeadType, Source } from '../api/types'
import { useCan } from '../auth'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Status } from '../components/status'
import { useApiQuery } from '../query'

/** Campaigns (aid): the channel a source posts a lead type through. */
export function CampaignsScreen() {
  const can = useCan()
  const navigate = useNavigate()
  const campaigns = useApiQuery<Items<Campaign>>('/campaigns')
  const sources = useApiQuery<Items<Source>>('/sources')
  const types = useApiQuery<Items<LeadType>>('/lead-types')
  const sourceName = new Map(sources.data?.items.map((s) => [s.vid, s.name]))
  const typeName = new Map(types.data?.items.map((t) => [t.lid, t.name]))
  const columns = useMemo<ColumnDef<Campaign>[]>(
    () => [
      {
        header: 'AID',
        accessorKey: 'aid',
        cell: (c) => <Link to={`/campaigns/${c.row.original.aid}`}>{c.row.original.aid}</Link>,
      },
      { header: 'Name', accessorKey: 'name' },
      { header: 'Status', accessorKey: 'status', cell: (c) => <Status value={c.row.original.status} /> },
      {
        header: 'Source',
        accessorKey: 'vid',
        cell: (c) => `${c.row.original.vid} · ${sourceName.get(c.row.original.vid) ?? ''}`,
      },
      {
        header: 'Lead type',
        accessorKey: 'lid',
        cell: (c) =>
          c.row.original.lid ? `${c.row.original.lid} · ${typeName.get(c.row.original.lid) ?? ''}` : 'any',
      },
    ],
    [sourceName, typeName],
  )
  return (
    <div>
      <div className="toolbar">
        <h1>Campaigns</h1>
        <span className="spacer" />
        {can('config:write') && (
          <Link className="button primary" to="/campaigns/new">
            New campaign
          </Link>
        )}
      </div>
      <ErrorBanner error={campaigns.error} />
      <DataTable
        label="Campaigns"
        data={campaigns.data?.items}
        columns={columns}
        rowId={(c) => String(c.aid)}
        loading={campaigns.isLoading}
        onRowClick={(c) => navigate(`/campaigns/${c.aid}`)}
        empty="No campaigns yet: a source posts through a campaign (aid)."
      />
    </div>
  )
}
