import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { api } from '../api'
import type { Buyer, Items, Reason, Replacement, Return } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { type ColumnDef, DataTable } from '../components/data-table'
import { ErrorBanner } from '../components/error-banner'
import { Section } from '../components/section'
import { Status } from '../components/status'
import { cents, time } from '../format'
import { useAction, useApiQuery } from '../query'

const STATUSES = ['pending', 'credited', 'replaced', 'rejected']
const DONE: Record<string, string> = {
  'approve-for-credit': 'credited',
  'approve-to-replace': 'replaced',
  reject: 'rejected',
}

/**
 * The return queue (docs/returns.md): pending returns are approved for credit, replaced or
 * rejected. A return decided here stays in the list with its decision and reason until the next
 * refresh, so the operator sees what each click did; replacements still owed are listed below.
 */
export function ReturnsScreen() {
  const [status, setStatus] = useState('pending')
  const returns = useApiQuery<Items<Return>>('/returns', { status, limit: 200 }, { everyMs: 10_000 })
  const buyers = useApiQuery<Items<Buyer>>('/buyers')
  const reasons = useApiQuery<Items<Reason>>('/reasons')
  const [decided, setDecided] = useState<Return[]>([])
  const can = useCan()
  const confirm = useConfirm()
  const buyerName = new Map(buyers.data?.items.map((b) => [b.id, b.name]))
  const reasonName = new Map(reasons.data?.items.map((r) => [r.id, r.name]))
  const decision = useAction<{ id: number; path: string; body?: unknown }, Return>({
    run: ({ id, path, body }) => api('POST', `/returns/${id}/${path}`, body),
    success: (_r, { id, path }) => `Return ${id} ${DONE[path] ?? path}.`,
    onSuccess: (r) => setDecided((all) => [...all.filter((x) => x.id !== r.id), r]),
    invalidate: [['/returns'], ['/replacements']],
  })
  const decide = async (id: number, path: string, body?: unknown) => {
    if (path === 'reject') {
      const ok = await confirm({
        title: `Reject return ${id}?`,
        body: 'The buyer keeps paying for this lead.',
        confirmLabel: 'Reject return',
      })
      if (!ok) return
    }
    decision.mutate({ id, path, body })
  }
  const rows = useMemo(() => {
    const live = returns.data?.items ?? []
    const shown = new Set(live.map((r) => r.id))
    const kept = decided.filter((r) => !shown.has(r.id))
    const fresh = new Map(decided.map((r) => [r.id, r]))
    return [...kept, ...live.map((r) => fresh.get(r.id) ?? r)]
  }, [returns.data, decided])
  const busy = decision.isPending ? decision.variables?.id : undefined
  const rejectReasons = reasons.data?.items.filter((x) => x.active && x.kind === 'reject') ?? []
  const columns: ColumnDef<Return>[] = [
    { header: 'ID', accessorKey: 'id' },
    { header: 'Requested', accessorKey: 'created_at', cell: (c) => time(c.row.original.created_at) },
    {
      header: 'Lead',
      accessorKey: 'lead_id',
      cell: (c) => <Link to={`/leads/${c.row.original.lead_id}`}>{c.row.original.lead_id}</Link>,
    },
    {
      id: 'buyer',
      header: 'Buyer / contract',
      accessorFn: (r) => buyerName.get(r.buyer_id) ?? `buyer ${r.buyer_id}`,
      cell: (c) => (
        <>
          {c.getValue() as string}
          <span className="muted"> #{c.row.original.contract_id}</span>
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
      header: 'Buyer’s reason',
      accessorKey: 'reason',
      cell: (c) => <span className="decision">{c.row.original.reason ?? '—'}</span>,
    },
    { header: 'Channel', accessorKey: 'channel' },
    {
      id: 'decision',
      header: 'Decision',
      accessorKey: 'status',
      cell: (c) => {
        const r = c.row.original
        if (r.status === 'pending' && can('returns:decide'))
          return (
            <Decide
              id={r.id}
              busy={busy === r.id}
              reasons={rejectReasons}
              onDecide={(path, body) => void decide(r.id, path, body)}
            />
          )
        const denied = r.denied_reason_id
          ? (reasonName.get(r.denied_reason_id) ?? `reason ${r.denied_reason_id}`)
          : null
        return (
          <span className="decision">
            <Status value={r.status} />
            {denied && <> because {denied}</>}
            {r.decided_at && <span className="muted"> · {time(r.decided_at)}</span>}
          </span>
        )
      },
    },
  ]
  return (
    <div>
      <div className="toolbar">
        <h1>Returns</h1>
        <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
          {STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
          <option value="">all</option>
        </select>
        <span className="spacer" />
        <button
          type="button"
          onClick={() => {
            setDecided([])
            void returns.refetch()
          }}
        >
          Refresh
        </button>
      </div>
      <ErrorBanner error={returns.error} />
      <DataTable
        label="Returns"
        data={rows}
        columns={columns}
        rowId={(r) => String(r.id)}
        loading={returns.isLoading}
        empty={`No ${status} returns.`}
      />
      <ReplacementsOwed />
    </div>
  )
}

function Decide(props: {
  id: number
  busy: boolean
  reasons: Reason[]
  onDecide: (path: string, body?: unknown) => void
}) {
  const [reason, setReason] = useState('')
  return (
    <div className="wrap-actions">
      <button type="button" disabled={props.busy} onClick={() => props.onDecide('approve-for-credit')}>
        Credit
      </button>
      <button type="button" disabled={props.busy} onClick={() => props.onDecide('approve-to-replace')}>
        Replace
      </button>
      <select
        aria-label={`Reason to reject return ${props.id}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      >
        <option value="">reject because…</option>
        {props.reasons.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="danger"
        disabled={props.busy || !reason}
        onClick={() => props.onDecide('reject', { denied_reason_id: Number(reason) })}
      >
        Reject
      </button>
    </div>
  )
}

/** Replacements approved and not yet given: the next eligible lead goes to the contract at no charge. */
function ReplacementsOwed() {
  const owed = useApiQuery<Items<Replacement>>('/replacements', { state: 'owed' }, { everyMs: 30_000 })
  const columns: ColumnDef<Replacement>[] = [
    { header: 'Owed since', accessorKey: 'created_at', cell: (c) => time(c.row.original.created_at) },
    { header: 'Buyer', accessorKey: 'buyer_name' },
    { header: 'Contract', accessorKey: 'contract_name' },
    {
      header: 'For returned lead',
      accessorKey: 'original_lead_id',
      cell: (c) => {
        const id = c.row.original.original_lead_id
        return id ? <Link to={`/leads/${id}`}>{id}</Link> : '—'
      },
    },
  ]
  return (
    <Section title={`Replacements owed (${owed.data?.items.length ?? 0})`}>
      <ErrorBanner error={owed.error} />
      <DataTable
        label="Replacements owed"
        data={owed.data?.items}
        columns={columns}
        rowId={(r) => String(r.id)}
        loading={owed.isLoading}
        empty="No replacement is owed."
      />
    </Section>
  )
}
