import { useState } from 'react'
import { Link } from 'react-router'
import { api } from '../api'
import type { Buyer, Items, Reason, Return } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { ErrorBanner } from '../components/error-banner'
import { Empty } from '../components/section'
import { Status } from '../components/status'
import { cents, time } from '../format'
import { useAction, useApiQuery } from '../query'

const STATUSES = ['pending', 'credited', 'replaced', 'rejected']
const DONE: Record<string, string> = {
  'approve-for-credit': 'credited',
  'approve-to-replace': 'replaced',
  reject: 'rejected',
}

/** The return queue (docs/returns.md): pending returns are approved for credit, replaced or rejected. */
export function ReturnsScreen() {
  const [status, setStatus] = useState('pending')
  const returns = useApiQuery<Items<Return>>('/returns', { status, limit: 200 }, { everyMs: 10_000 })
  const buyers = useApiQuery<Items<Buyer>>('/buyers')
  const reasons = useApiQuery<Items<Reason>>('/reasons', { kind: 'reject' })
  const can = useCan()
  const confirm = useConfirm()
  const buyerName = new Map(buyers.data?.items.map((b) => [b.id, b.name]))
  const decision = useAction<{ id: number; path: string; body?: unknown }>({
    run: ({ id, path, body }) => api('POST', `/returns/${id}/${path}`, body),
    success: (_r, { id, path }) => `Return ${id} ${DONE[path] ?? path}.`,
    invalidate: [['/returns']],
  })
  const busy = decision.isPending ? decision.variables?.id : undefined
  const decide = async (id: number, path: string, body?: unknown) => {
    if (
      path === 'reject' &&
      !(await confirm({
        title: `Reject return ${id}?`,
        body: 'The buyer keeps paying for this lead.',
        confirmLabel: 'Reject return',
      }))
    )
      return
    decision.mutate({ id, path, body })
  }

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
        <button type="button" onClick={() => void returns.refetch()}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={returns.error ?? undefined} />
      <div className="scroll">
        <table className="grid">
          <thead>
            <tr>
              <th>ID</th>
              <th>Requested</th>
              <th>Status</th>
              <th>Lead</th>
              <th>Buyer / contract</th>
              <th className="num">Price</th>
              <th>Reason</th>
              <th>Channel</th>
              <th>Sale event</th>
              <th>Decided</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {returns.data?.items.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <td>{time(r.created_at)}</td>
                <td>
                  <Status value={r.status} />
                </td>
                <td>
                  <Link to={`/leads/${r.lead_id}`}>{r.lead_id}</Link>
                </td>
                <td>
                  {buyerName.get(r.buyer_id) ?? `buyer ${r.buyer_id}`}
                  <span className="muted"> #{r.contract_id}</span>
                </td>
                <td className="num">{cents(r.price_cents)}</td>
                <td>{r.reason ?? '—'}</td>
                <td>{r.channel}</td>
                <td className="mono muted">{r.sale_event_id}</td>
                <td>{time(r.decided_at)}</td>
                <td>
                  {r.status === 'pending' && can('returns:decide') && (
                    <Decide
                      busy={busy === r.id}
                      reasons={reasons.data?.items.filter((x) => x.active) ?? []}
                      onDecide={(path, body) => decide(r.id, path, body)}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {returns.data?.items.length === 0 && <Empty>No {status || ''} returns.</Empty>}
    </div>
  )
}

function Decide(props: {
  busy: boolean
  reasons: Reason[]
  onDecide: (path: string, body?: unknown) => void
}) {
  const [reason, setReason] = useState('')
  return (
    <div className="actions">
      <button type="button" disabled={props.busy} onClick={() => props.onDecide('approve-for-credit')}>
        Credit
      </button>
      <button type="button" disabled={props.busy} onClick={() => props.onDecide('approve-to-replace')}>
        Replace
      </button>
      <select aria-label="Rejection reason" value={reason} onChange={(e) => setReason(e.target.value)}>
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
