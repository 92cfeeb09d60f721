import { useMemo } from 'react'
import { Link } from 'react-router'
import { api } from '../api'
import type { Buyer, Contract, Items } from '../api/types'
import { useCan } from '../auth'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Empty, Section } from '../components/section'
import { Status } from '../components/status'
import { caps, cents } from '../format'
import { useAction, useApiQuery } from '../query'

/** Buyers with their contracts; an operator switches a contract on and off, or resumes a paused one. */
export function BuyersScreen() {
  const can = useCan()
  const buyers = useApiQuery<Items<Buyer>>('/buyers', undefined, { everyMs: 15_000 })
  const contracts = useApiQuery<Items<Contract>>('/contracts', undefined, { everyMs: 15_000 })
  const byBuyer = new Map<number, Contract[]>()
  for (const c of contracts.data?.items ?? [])
    byBuyer.set(c.buyer_id, [...(byBuyer.get(c.buyer_id) ?? []), c])

  return (
    <div>
      <div className="toolbar">
        <h1>Buyers & contracts</h1>
        <span className="spacer" />
        {can('config:write') && (
          <Link className="button primary" to="/buyers/new">
            New buyer
          </Link>
        )}
        <button
          type="button"
          onClick={() => {
            void buyers.refetch()
            void contracts.refetch()
          }}
        >
          Refresh
        </button>
      </div>
      <ErrorBanner error={buyers.error ?? contracts.error ?? undefined} />
      {buyers.data?.items.length === 0 && <Empty>No buyers yet.</Empty>}
      {buyers.data?.items.map((b) => (
        <Section
          key={b.id}
          title={b.name}
          extra={
            <span className="muted">
              <Link to={`/buyers/${b.id}`}>buyer {b.id}</Link> · <Status value={b.status} /> ·{' '}
              {byBuyer.get(b.id)?.length ?? 0} contracts
            </span>
          }
        >
          <ContractTable contracts={byBuyer.get(b.id) ?? []} />
        </Section>
      ))}
    </div>
  )
}

export function ContractTable({ contracts }: { contracts: Contract[] }) {
  const can = useCan()
  const toggle = useAction<Contract>({
    run: (c) =>
      c.status === 'paused'
        ? api('POST', `/contracts/${c.id}/resume`)
        : api('POST', `/contracts/${c.id}/switch`, { on: c.status !== 'active' }),
    success: (_r, c) =>
      `Contract ${c.id} ${c.status === 'paused' ? 'resumed' : c.status === 'active' ? 'turned off' : 'turned on'}.`,
    invalidate: [['/contracts']],
  })
  const columns = useMemo<ColumnDef<Contract>[]>(
    () => [
      { header: 'ID', accessorKey: 'id' },
      {
        header: 'Contract',
        accessorKey: 'name',
        cell: (c) => <Link to={`/contracts/${c.row.original.id}`}>{c.row.original.name}</Link>,
      },
      { header: 'Status', accessorKey: 'status', cell: (c) => <Status value={c.row.original.status} /> },
      { header: 'Lead type', accessorKey: 'lid', cell: (c) => c.row.original.lid ?? '—' },
      {
        header: 'Price',
        accessorKey: 'price_cents',
        meta: { num: true },
        cell: (c) => cents(c.row.original.price_cents),
      },
      { header: 'Pricing', accessorKey: 'pricing' },
      { header: 'Priority', accessorKey: 'priority', meta: { num: true } },
      { header: 'Weight', accessorKey: 'weight', meta: { num: true } },
      {
        header: 'Exclusive',
        accessorKey: 'exclusive',
        cell: (c) => (c.row.original.exclusive ? 'yes' : 'no'),
      },
      { header: 'Caps', id: 'caps', enableSorting: false, cell: (c) => caps(c.row.original.caps) },
      {
        header: 'Delivery',
        id: 'delivery',
        enableSorting: false,
        meta: { className: 'muted small' },
        cell: (c) => delivery(c.row.original.delivery),
      },
      {
        header: 'Errors',
        accessorKey: 'consecutive_errors',
        meta: { num: true },
        cell: (c) => (
          <span className={c.row.original.consecutive_errors > 0 ? 'bad-text' : ''}>
            {c.row.original.consecutive_errors}
          </span>
        ),
      },
      {
        id: 'actions',
        header: '',
        enableSorting: false,
        cell: ({ row: { original: c } }) =>
          can('contracts:switch') && (
            <button
              type="button"
              className={c.status === 'active' ? 'danger' : ''}
              disabled={toggle.isPending && toggle.variables?.id === c.id}
              onClick={() => toggle.mutate(c)}
            >
              {c.status === 'active' ? 'Turn off' : c.status === 'paused' ? 'Resume' : 'Turn on'}
            </button>
          ),
      },
    ],
    [can, toggle],
  )
  return (
    <DataTable
      label="Contracts"
      data={contracts}
      columns={columns}
      rowId={(c) => String(c.id)}
      empty="No contracts."
    />
  )
}

function delivery(d: Record<string, unknown>): string {
  if (!d) return '—'
  const where = d.url ?? (d.sandbox ? `sandbox ${d.sandbox}` : d.campaignId ? `dialler ${d.campaignId}` : '')
  return [d.kind, d.method, d.format, where].filter(Boolean).join(' · ')
}
