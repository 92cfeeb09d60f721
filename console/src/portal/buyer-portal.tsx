import { useMemo, useState } from 'react'
import { ApiError, api, get } from '../api'
import type { BoughtLead, BoughtLeadPage, BuyerBalance, BuyerContracts, FeedbackAnswer } from '../api/types'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Section } from '../components/section'
import { Status } from '../components/status'
import { cents, time } from '../format'
import { useAction, useApiQuery } from '../query'
import { StatementPanel } from './statement-panel'

const PAGE = 50

/**
 * The buyer portal (docs/portals.md): the leads this buyer bought with their fields, CSV export,
 * returns within the contract's policy, its balance, statement and contracts. Every figure comes
 * from /api/v1/portal/buyer/*, which answers only for the signed-in buyer.
 */
export function BuyerPortalScreen() {
  const first = useApiQuery<BoughtLeadPage>('/portal/buyer/leads', { limit: PAGE }, { everyMs: 30_000 })
  const [more, setMore] = useState<BoughtLead[]>([])
  const [next, setNext] = useState<number | null | undefined>(undefined)
  const cursor = next === undefined ? first.data?.next_before : next
  const leads = [...(first.data?.items ?? []), ...more]
  const loadMore = async () => {
    if (!cursor) return
    const page = await get<BoughtLeadPage>('/portal/buyer/leads', { limit: PAGE, before: cursor })
    setMore((m) => [...m, ...page.items])
    setNext(page.next_before)
  }
  const [returning, setReturning] = useState<BoughtLead | null>(null)
  const columns = useBoughtColumns(setReturning)
  return (
    <div>
      <div className="toolbar">
        <h1>Your leads</h1>
        <span className="spacer" />
        <a className="button" href="/api/v1/portal/buyer/leads/export" download="leads.csv">
          Export CSV
        </a>
        <button type="button" onClick={() => void first.refetch()}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={first.error ?? undefined} />
      <BalancePanel />
      {returning && <ReturnForm lead={returning} onDone={() => setReturning(null)} />}
      <DataTable
        label="Leads you bought"
        data={leads}
        columns={columns}
        rowId={(l) => String(l.sale_id)}
        pageSize={0}
        loading={first.isLoading}
        empty="No leads bought yet."
      />
      {cursor ? (
        <button type="button" onClick={() => void loadMore()}>
          Load older leads
        </button>
      ) : null}
      <ContractsPanel />
      <StatementPanel path="/portal/buyer/statement" />
    </div>
  )
}

function useBoughtColumns(onReturn: (lead: BoughtLead) => void) {
  return useMemo<ColumnDef<BoughtLead>[]>(
    () => [
      { header: 'Lead', accessorKey: 'lead_id' },
      { header: 'Sold', accessorKey: 'sold_at', cell: (c) => time(c.row.original.sold_at) },
      { header: 'Contract', accessorKey: 'contract_name' },
      {
        header: 'Name',
        id: 'name',
        cell: ({ row: { original: l } }) => [l.fields.FirstName, l.fields.LastName].filter(Boolean).join(' '),
      },
      { header: 'Email', id: 'email', cell: (c) => String(c.row.original.fields.Email ?? '') },
      { header: 'Phone', id: 'phone', cell: (c) => String(c.row.original.fields.Phone ?? '') },
      { header: 'Zip', id: 'zip', cell: (c) => String(c.row.original.fields.Zip ?? '') },
      {
        header: 'Price',
        accessorKey: 'price_cents',
        meta: { num: true },
        cell: (c) => cents(c.row.original.price_cents),
      },
      { header: 'State', accessorKey: 'state', cell: (c) => <Status value={c.row.original.state} /> },
      {
        header: 'Return',
        accessorKey: 'return_status',
        cell: ({ row: { original: l } }) =>
          l.return_status ? (
            <Status value={l.return_status} />
          ) : (
            <button type="button" onClick={() => onReturn(l)}>
              Return…
            </button>
          ),
        enableSorting: false,
      },
    ],
    [onReturn],
  )
}

/** A return with its reason: the same rules and answers as LeadConduit /feedback. */
function ReturnForm({ lead, onDone }: { lead: BoughtLead; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const send = useAction<string, FeedbackAnswer>({
    // A refusal is a 200 with `outcome: failure` (LeadConduit's answer); shown as the error it is.
    run: async (why) => {
      const answer = await api<FeedbackAnswer>('POST', `/portal/buyer/leads/${lead.lead_id}/return`, {
        reason: why,
      })
      if (answer.outcome === 'failure') throw new ApiError(200, 'refused', `Return refused: ${answer.reason}`)
      return answer
    },
    success: (answer) => `Lead ${lead.lead_id}: return ${answer.status}.`,
    invalidate: [['/portal/buyer/leads'], ['/portal/buyer/statement']],
    onSuccess: onDone,
  })
  return (
    <Section title={`Return lead ${lead.lead_id}`}>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault()
          send.mutate(reason)
        }}
      >
        <label>
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. Bad phone" />
        </label>
        <div className="actions">
          <button type="submit" className="primary" disabled={!reason.trim() || send.isPending}>
            Return lead
          </button>
          <button type="button" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </Section>
  )
}

function BalancePanel() {
  const balance = useApiQuery<BuyerBalance>('/portal/buyer/balance', undefined, { everyMs: 30_000 })
  const b = balance.data
  return (
    <Section title="Balance">
      <ErrorBanner error={balance.error ?? undefined} />
      {b && (
        <dl className="facts">
          <dt>You owe</dt>
          <dd>{cents(b.balance_cents)}</dd>
          <dt>Credit limit</dt>
          <dd>{b.limit_cents === null ? 'none' : cents(b.limit_cents)}</dd>
          <dt>In flight</dt>
          <dd>{cents(b.reserved_cents)}</dd>
          <dt>Available</dt>
          <dd>{b.available_cents === null ? '—' : cents(b.available_cents)}</dd>
        </dl>
      )}
    </Section>
  )
}

function ContractsPanel() {
  const contracts = useApiQuery<BuyerContracts>('/portal/buyer/contracts')
  const change = useAction<{ id: number; action: 'pause' | 'resume' }>({
    run: ({ id, action }) => api('POST', `/portal/buyer/contracts/${id}/${action}`),
    success: (_r, { id, action }) => `Contract ${id} ${action === 'pause' ? 'paused' : 'resumed'}.`,
    invalidate: [['/portal/buyer/contracts']],
  })
  const canPause = contracts.data?.can_pause === true
  return (
    <Section title="Your contracts">
      <ErrorBanner error={contracts.error ?? undefined} />
      <table className="grid">
        <thead>
          <tr>
            <th>Contract</th>
            <th>Lead type</th>
            <th className="num">Price</th>
            <th>Status</th>
            {canPause && <th />}
          </tr>
        </thead>
        <tbody>
          {contracts.data?.items.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{c.lead_type}</td>
              <td className="num">{cents(c.price_cents)}</td>
              <td>
                <Status value={c.status} />
              </td>
              {canPause && (
                <td>
                  <button
                    type="button"
                    disabled={change.isPending}
                    onClick={() =>
                      change.mutate({ id: c.id, action: c.status === 'active' ? 'pause' : 'resume' })
                    }
                  >
                    {c.status === 'active' ? 'Pause' : 'Resume'}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  )
}
