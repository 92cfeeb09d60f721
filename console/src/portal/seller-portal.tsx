import { useMemo, useState } from 'react'
import { get } from '../api'
import type { PostedLead, PostedLeadPage, SellerRates } from '../api/types'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Section } from '../components/section'
import { Status } from '../components/status'
import { cents, time } from '../format'
import { useApiQuery } from '../query'
import { StatementPanel } from './statement-panel'

const PAGE = 50
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`)

/**
 * The seller portal (docs/portals.md): the leads this source posted with their outcome and reject
 * reason, its acceptance and return rates and its payout statement. Buyers are named only where
 * the operator allows it for this source.
 */
export function SellerPortalScreen() {
  const first = useApiQuery<PostedLeadPage>('/portal/seller/leads', { limit: PAGE }, { everyMs: 15_000 })
  const [more, setMore] = useState<PostedLead[]>([])
  const [next, setNext] = useState<number | null | undefined>(undefined)
  const cursor = next === undefined ? first.data?.next_before : next
  const loadMore = async () => {
    if (!cursor) return
    const page = await get<PostedLeadPage>('/portal/seller/leads', { limit: PAGE, before: cursor })
    setMore((m) => [...m, ...page.items])
    setNext(page.next_before)
  }
  const columns = usePostedColumns()
  return (
    <div>
      <div className="toolbar">
        <h1>Your posted leads</h1>
        <span className="spacer" />
        <button type="button" onClick={() => void first.refetch()}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={first.error ?? undefined} />
      <RatesPanel />
      <DataTable
        label="Leads you posted"
        data={[...(first.data?.items ?? []), ...more]}
        columns={columns}
        rowId={(l) => String(l.lead_id)}
        pageSize={0}
        loading={first.isLoading}
        empty="No leads posted yet: see Posting instructions."
      />
      {cursor ? (
        <button type="button" onClick={() => void loadMore()}>
          Load older leads
        </button>
      ) : null}
      <StatementPanel path="/portal/seller/statement" />
    </div>
  )
}

function usePostedColumns() {
  return useMemo<ColumnDef<PostedLead>[]>(
    () => [
      { header: 'Lead', accessorKey: 'lead_id' },
      { header: 'Received', accessorKey: 'received_at', cell: (c) => time(c.row.original.received_at) },
      { header: 'Outcome', accessorKey: 'status', cell: (c) => <Status value={c.row.original.status} /> },
      {
        header: 'Reason',
        accessorKey: 'rejection_reason',
        cell: ({ row: { original: l } }) =>
          l.rejection_reason ?? (l.status === 'rejected' ? l.response_type : ''),
      },
      {
        header: 'Sold to',
        id: 'sales',
        enableSorting: false,
        cell: ({ row: { original: l } }) =>
          l.sales.map((s) => `${s.buyer_name ?? 'a buyer'}${s.returned ? ' (returned)' : ''}`).join(', '),
      },
      {
        header: 'Earned',
        accessorKey: 'earned_cents',
        meta: { num: true },
        cell: (c) => cents(c.row.original.earned_cents),
      },
      { header: 'Post ID', accessorKey: 'post_id', meta: { className: 'mono muted' } },
    ],
    [],
  )
}

function RatesPanel() {
  const rates = useApiQuery<SellerRates>('/portal/seller/rates', { days: 30 }, { everyMs: 60_000 })
  const r = rates.data
  return (
    <Section title="Last 30 days">
      <ErrorBanner error={rates.error ?? undefined} />
      {r && (
        <dl className="facts">
          <dt>Posted</dt>
          <dd>{r.leads}</dd>
          <dt>Rejected</dt>
          <dd>{r.rejected}</dd>
          <dt>Acceptance rate</dt>
          <dd>{percent(r.acceptance_rate)}</dd>
          <dt>Sales</dt>
          <dd>{r.sales}</dd>
          <dt>Returned</dt>
          <dd>{r.returned}</dd>
          <dt>Return rate</dt>
          <dd>{percent(r.return_rate)}</dd>
        </dl>
      )}
    </Section>
  )
}
