import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { api } from '../api'
import type { DistributionOutcome, Items, LeadPage, LeadSummary, Source } from '../api/types'
import { useConfirm } from '../components/confirm-dialog'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Status } from '../components/status'
import { ago, time } from '../format'
import { useAction, useApiQuery } from '../query'

type Decided = { status: string; note: string }

/**
 * Leads held for QC review (docs/distribution.md, "QC review"), oldest first: approve (the lead is
 * distributed at once, its outcome shown) or reject with a reason. A decided lead stays on screen
 * with its decision until the operator refreshes, so the result of each click is visible.
 */
export function QcScreen() {
  const held = useApiQuery<LeadPage>('/leads', { status: 'pending_qc', limit: 200 }, { everyMs: 15_000 })
  const sources = useApiQuery<Items<Source>>('/sources')
  const [decided, setDecided] = useState<Record<number, Decided>>({})
  const [kept, setKept] = useState<LeadSummary[]>([])
  const note = (lead: LeadSummary, d: Decided) => {
    setDecided((all) => ({ ...all, [lead.id]: d }))
    setKept((all) => [...all.filter((l) => l.id !== lead.id), lead])
  }
  const approve = useAction<LeadSummary, DistributionOutcome>({
    run: (l) => api('POST', `/leads/${l.id}/qc/approve`),
    success: (r, l) => `Lead ${l.id} approved: ${r.sold ? 'sold' : `not sold (${r.reason})`}.`,
    onSuccess: (r, l) =>
      note(l, {
        status: r.sold ? 'sold' : 'unsold',
        note: r.sold ? 'approved, sold' : `approved, ${r.reason}`,
      }),
    invalidate: [['/leads']],
  })
  const reject = useAction<{ lead: LeadSummary; reason: string }>({
    run: ({ lead, reason }) => api('POST', `/leads/${lead.id}/qc/reject`, { reason }),
    success: (_r, { lead }) => `Lead ${lead.id} rejected.`,
    onSuccess: (_r, { lead, reason }) => note(lead, { status: 'rejected', note: `rejected: ${reason}` }),
    invalidate: [['/leads']],
  })
  const sourceName = new Map(sources.data?.items.map((s) => [s.vid, s.name]))
  const rows = useMemo(() => {
    const live = held.data?.items ?? []
    const ids = new Set(live.map((l) => l.id))
    return [...kept.filter((l) => !ids.has(l.id)), ...live].sort((a, b) =>
      a.received_at.localeCompare(b.received_at),
    )
  }, [held.data, kept])
  const busy = approve.isPending || reject.isPending
  const columns: ColumnDef<LeadSummary>[] = [
    {
      header: 'Lead',
      accessorKey: 'id',
      cell: (c) => <Link to={`/leads/${c.row.original.id}`}>{c.row.original.id}</Link>,
    },
    {
      header: 'Received',
      accessorKey: 'received_at',
      cell: (c) => (
        <span title={c.row.original.received_at}>
          {time(c.row.original.received_at)} <span className="muted">{ago(c.row.original.received_at)}</span>
        </span>
      ),
    },
    {
      header: 'Source',
      accessorKey: 'vid',
      cell: (c) => `${c.row.original.vid ?? '—'} ${sourceName.get(c.row.original.vid ?? -1) ?? ''}`,
    },
    { header: 'Reference', accessorKey: 'reference' },
    {
      id: 'decision',
      header: 'Decision',
      enableSorting: false,
      cell: (c) => {
        const lead = c.row.original
        const done = decided[lead.id]
        if (done)
          return (
            <span className="decision">
              <Status value={done.status} /> {done.note}
            </span>
          )
        return (
          <Decide
            lead={lead}
            busy={busy}
            onApprove={() => approve.mutate(lead)}
            onReject={(reason) => reject.mutate({ lead, reason })}
          />
        )
      },
    },
  ]
  return (
    <div>
      <div className="toolbar">
        <h1>QC review</h1>
        <span className="muted">{held.data ? `${held.data.total} held` : ''}</span>
        <span className="spacer" />
        <button
          type="button"
          onClick={() => {
            setKept([])
            void held.refetch()
          }}
        >
          Refresh
        </button>
      </div>
      <ErrorBanner error={held.error} />
      <DataTable
        label="Leads held for QC"
        data={rows}
        columns={columns}
        rowId={(l) => String(l.id)}
        loading={held.isLoading}
        empty="No lead is waiting for QC review."
      />
    </div>
  )
}

function Decide(props: {
  lead: LeadSummary
  busy: boolean
  onApprove: () => void
  onReject: (reason: string) => void
}) {
  const [reason, setReason] = useState('')
  const confirm = useConfirm()
  const rejectIt = async () => {
    const ok = await confirm({
      title: `Reject lead ${props.lead.id}?`,
      body: `It will never be sold. Reason: ${reason}`,
      confirmLabel: 'Reject lead',
    })
    if (ok) props.onReject(reason)
  }
  return (
    <div className="wrap-actions">
      <button type="button" className="primary" disabled={props.busy} onClick={props.onApprove}>
        Approve
      </button>
      <input
        aria-label={`Reason to reject lead ${props.lead.id}`}
        placeholder="reason to reject"
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="danger"
        disabled={props.busy || !reason.trim()}
        onClick={() => void rejectIt()}
      >
        Reject
      </button>
    </div>
  )
}
