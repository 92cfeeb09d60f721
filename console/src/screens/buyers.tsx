import { useState } from 'react'
import { type ApiError, api, get } from '../api'
import type { Buyer, Contract, Items } from '../api/types'
import { ErrorBanner } from '../components/error-banner'
import { Empty, Section } from '../components/section'
import { Status } from '../components/status'
import { caps, cents } from '../format'
import { useApi } from '../use-api'

/** Buyers with their contracts; a contract is switched on and off with PATCH /contracts/:id. */
export function BuyersScreen() {
  const buyers = useApi(() => get<Items<Buyer>>('/buyers'), 'buyers', 15_000)
  const contracts = useApi(() => get<Items<Contract>>('/contracts'), 'contracts', 15_000)
  const [actionError, setActionError] = useState<ApiError>()
  const [busy, setBusy] = useState<number>()

  const act = async (contract: Contract, run: () => Promise<unknown>) => {
    setBusy(contract.id)
    setActionError(undefined)
    try {
      await run()
      contracts.reload()
    } catch (error) {
      setActionError(error as ApiError)
    } finally {
      setBusy(undefined)
    }
  }
  const toggle = (c: Contract) =>
    act(c, () =>
      c.status === 'paused'
        ? api('POST', `/contracts/${c.id}/resume`)
        : api('PATCH', `/contracts/${c.id}`, { status: c.status === 'active' ? 'off' : 'active' }),
    )

  const byBuyer = new Map<number, Contract[]>()
  for (const c of contracts.data?.items ?? [])
    byBuyer.set(c.buyer_id, [...(byBuyer.get(c.buyer_id) ?? []), c])

  return (
    <div>
      <div className="toolbar">
        <h1>Buyers & contracts</h1>
        <span className="spacer" />
        <button
          type="button"
          onClick={() => {
            buyers.reload()
            contracts.reload()
          }}
        >
          Refresh
        </button>
      </div>
      <ErrorBanner error={buyers.error ?? contracts.error ?? actionError} />
      {buyers.data?.items.length === 0 && <Empty>No buyers yet (POST /api/v1/buyers).</Empty>}
      {buyers.data?.items.map((b) => (
        <Section
          key={b.id}
          title={`${b.name}`}
          extra={
            <span className="muted">
              buyer {b.id} · <Status value={b.status} /> · {byBuyer.get(b.id)?.length ?? 0} contracts
            </span>
          }
        >
          <ContractTable contracts={byBuyer.get(b.id) ?? []} busy={busy} onToggle={toggle} />
        </Section>
      ))}
    </div>
  )
}

function ContractTable(props: { contracts: Contract[]; busy?: number; onToggle: (c: Contract) => void }) {
  if (props.contracts.length === 0) return <Empty>No contracts.</Empty>
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>ID</th>
          <th>Contract</th>
          <th>Status</th>
          <th>Lead type</th>
          <th className="num">Price</th>
          <th>Pricing</th>
          <th className="num">Priority</th>
          <th className="num">Weight</th>
          <th>Exclusive</th>
          <th>Caps</th>
          <th>Delivery</th>
          <th className="num">Errors</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.contracts.map((c) => (
          <tr key={c.id}>
            <td>{c.id}</td>
            <td>{c.name}</td>
            <td>
              <Status value={c.status} />
            </td>
            <td>{c.lid ?? '—'}</td>
            <td className="num">{cents(c.price_cents)}</td>
            <td>{c.pricing}</td>
            <td className="num">{c.priority}</td>
            <td className="num">{c.weight}</td>
            <td>{c.exclusive ? 'yes' : 'no'}</td>
            <td>{caps(c.caps)}</td>
            <td className="muted small">{delivery(c.delivery)}</td>
            <td className={`num ${c.consecutive_errors > 0 ? 'bad-text' : ''}`}>{c.consecutive_errors}</td>
            <td>
              <button
                type="button"
                className={c.status === 'active' ? 'danger' : ''}
                disabled={props.busy === c.id}
                onClick={() => props.onToggle(c)}
              >
                {c.status === 'active' ? 'Turn off' : c.status === 'paused' ? 'Resume' : 'Turn on'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function delivery(d: Record<string, unknown>): string {
  if (!d) return '—'
  const where = d.url ?? (d.sandbox ? `sandbox ${d.sandbox}` : d.campaignId ? `dialler ${d.campaignId}` : '')
  return [d.kind, d.method, d.format, where].filter(Boolean).join(' · ')
}
