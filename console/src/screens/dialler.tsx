import { useState } from 'react'
import { Link } from 'react-router'
import type { DiallerCampaign, QueuedCall } from '../api/types'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Status } from '../components/status'
import { ago, time } from '../format'
import { useApiQuery } from '../query'

const STATUSES = ['scheduled', 'in_progress', 'done', 'cancelled']

/**
 * The dialler call queue (docs/dialler.md): calls by campaign and state, due first, with attempts
 * and the last result a dialler reported. Diallers take and report calls through their own API.
 */
export function DiallerScreen() {
  const [campaignId, setCampaignId] = useState('')
  const [status, setStatus] = useState('scheduled')
  const [mobile, setMobile] = useState('')
  const [asked, setAsked] = useState('')
  const campaigns = useApiQuery<{ campaigns: DiallerCampaign[] }>('/dialler/campaigns')
  const calls = useApiQuery<{ calls: QueuedCall[] }>(
    '/dialler/calls',
    { campaignId, status, mobile: asked, limit: 500 },
    { everyMs: 10_000 },
  )
  const campaignName = new Map(campaigns.data?.campaigns.map((c) => [c.id, c.name]))
  const columns: ColumnDef<QueuedCall>[] = [
    { header: 'Call', accessorKey: 'id' },
    {
      header: 'Due',
      accessorKey: 'dueAt',
      cell: (c) => (
        <span title={c.row.original.dueAt}>
          {time(c.row.original.dueAt)} <span className="muted">{ago(c.row.original.dueAt)}</span>
        </span>
      ),
    },
    { header: 'State', accessorKey: 'status', cell: (c) => <Status value={c.row.original.status} /> },
    {
      id: 'campaign',
      header: 'Campaign',
      accessorFn: (r) => campaignName.get(r.campaignId) ?? `#${r.campaignId}`,
    },
    {
      id: 'contact',
      header: 'Contact',
      accessorFn: (r) => [r.firstName, r.surname].filter(Boolean).join(' ') || r.email || '—',
    },
    { header: 'Mobile', accessorKey: 'mobile', meta: { className: 'mono' } },
    { header: 'Attempts', accessorKey: 'attempts', meta: { num: true } },
    { header: 'Last result', accessorKey: 'lastResult' },
    { header: 'Taken by', accessorKey: 'claimedBy' },
    {
      header: 'Lead',
      accessorKey: 'leadId',
      cell: (c) =>
        c.row.original.leadId ? (
          <Link to={`/leads/${c.row.original.leadId}`}>{c.row.original.leadId}</Link>
        ) : (
          '—'
        ),
    },
  ]
  return (
    <div>
      <div className="toolbar">
        <h1>Call queue</h1>
        <select aria-label="Campaign" value={campaignId} onChange={(e) => setCampaignId(e.target.value)}>
          <option value="">every campaign</option>
          {campaigns.data?.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.type}/{c.subtype})
            </option>
          ))}
        </select>
        <select aria-label="State" value={status} onChange={(e) => setStatus(e.target.value)}>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
          <option value="">any state</option>
        </select>
        <form
          className="search"
          onSubmit={(e) => {
            e.preventDefault()
            setAsked(mobile.trim())
          }}
        >
          <input
            className="search-input"
            aria-label="Mobile"
            placeholder="mobile"
            value={mobile}
            onChange={(e) => setMobile(e.target.value)}
          />
          <button type="submit">Find</button>
        </form>
        <span className="spacer" />
        <button type="button" onClick={() => void calls.refetch()}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={calls.error ?? campaigns.error} />
      <div className="meta">{calls.data ? `${calls.data.calls.length} calls` : ''}</div>
      <DataTable
        label="Calls"
        data={calls.data?.calls}
        columns={columns}
        rowId={(c) => String(c.id)}
        loading={calls.isLoading}
        initialSort={[{ id: 'dueAt', desc: false }]}
        empty="No call in this state."
      />
    </div>
  )
}
