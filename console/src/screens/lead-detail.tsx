import { Link, useParams } from 'react-router'
import type { Buyer, Items, LeadDetail, Row } from '../api/types'
import { ErrorBanner } from '../components/error-banner'
import { Empty, Section } from '../components/section'
import { Status } from '../components/status'
import { cents, time } from '../format'
import { useApiQuery } from '../query'
import { EventTimeline } from './event-timeline'
import { FieldsTable } from './fields-table'
import { LeadActions } from './lead-actions'

// A lead still moving through distribution changes under the operator's eyes; a final one does not.
const SETTLING = new Set(['received', 'accepted', 'pending_qc'])

/** Everything about one lead: fields, money, sales (with event ids), returns, and every step. */
export function LeadDetailScreen() {
  const id = useParams().id ?? ''
  // Polls fast while the lead still moves, slowly once final.
  const lead = useApiQuery<LeadDetail>(`/leads/${encodeURIComponent(id)}`, undefined, {
    everyMs: (data) => (!data || SETTLING.has(data.status) ? 3000 : 15_000),
  })
  const l = lead.data
  return (
    <div>
      <div className="toolbar">
        <Link to="/leads">← Leads</Link>
        <h1>Lead {id}</h1>
        {l && <Status value={l.status} />}
        {l?.is_test && <span className="badge muted">test</span>}
        <span className="spacer" />
        {l && !SETTLING.has(l.status) && <span className="muted">final</span>}
        <button type="button" onClick={() => void lead.refetch()}>
          Refresh
        </button>
      </div>
      <ErrorBanner error={lead.error} />
      {!l && lead.isLoading && <p className="muted">Loading…</p>}
      {l && <LeadBody lead={l} />}
    </div>
  )
}

function LeadBody({ lead: l }: { lead: LeadDetail }) {
  // Events name buyers by id; the buyer list (loaded once) gives the names of buyers that did not buy.
  const list = useApiQuery<Items<Buyer>>('/buyers')
  const buyers = new Map(list.data?.items.map((b) => [b.id, b.name]))
  for (const s of l.sales) if (s.buyer_name) buyers.set(s.buyer_id, s.buyer_name)
  const saleEvents = new Set(l.sales.map((s) => s.event_id))
  return (
    <>
      <div className="cols">
        <Section title="Summary">
          <dl className="facts">
            <dt>Post ID</dt>
            <dd className="mono">{l.post_id}</dd>
            <dt>Received</dt>
            <dd>{time(l.received_at)}</dd>
            <dt>Processed</dt>
            <dd>{time(l.processed_at)}</dd>
            <dt>Source</dt>
            <dd>{l.source ? `${l.source.vid} · ${l.source.name}` : '—'}</dd>
            <dt>Campaign</dt>
            <dd>{l.campaign ? `aid ${l.campaign.aid}` : '—'}</dd>
            <dt>Lead type</dt>
            <dd>{l.lead_type ? `${l.lead_type.lid} · ${l.lead_type.name}` : '—'}</dd>
            <dt>Response</dt>
            <dd>
              {l.response_type ?? '—'} <span className="muted">{l.mode}</span>
            </dd>
            {l.rejection_reason && (
              <>
                <dt>Rejected because</dt>
                <dd className="bad-text">{l.rejection_reason}</dd>
              </>
            )}
            <dt>QC</dt>
            <dd>
              {l.pending_qc
                ? 'held for review'
                : l.qc_rejected
                  ? `rejected ${l.qc_reason ?? ''}`
                  : 'not held'}
            </dd>
            <dt>Reference</dt>
            <dd>{l.reference ?? '—'}</dd>
            <dt>IP</dt>
            <dd>{l.ip ?? '—'}</dd>
          </dl>
        </Section>
        <Section title="Money">
          <dl className="facts">
            <dt>Sold for</dt>
            <dd className="num-strong">{cents(l.price_cents)}</dd>
            <dt>Paid to source</dt>
            <dd>{cents(l.cost_cents)}</dd>
            <dt>Margin</dt>
            <dd>{cents(l.price_cents - l.cost_cents)}</dd>
          </dl>
        </Section>
      </div>
      <Section title={`Fields`}>
        <FieldsTable fields={l.fields} />
      </Section>
      <Section title={`Sales (${l.sales.length})`}>
        {l.sales.length === 0 ? (
          <Empty>Not sold.</Empty>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>Sale</th>
                <th>Buyer</th>
                <th>Contract</th>
                <th className="num">Price</th>
                <th>State</th>
                <th>Event ID (sent to buyer)</th>
                <th>Buyer's lead id</th>
                <th>At</th>
              </tr>
            </thead>
            <tbody>
              {l.sales.map((s) => (
                <tr key={s.id}>
                  <td>{s.id}</td>
                  <td>{s.buyer_name ?? s.buyer_id}</td>
                  <td>{s.contract_name ?? s.contract_id}</td>
                  <td className="num">{cents(s.price_cents)}</td>
                  <td>
                    <Status value={s.state} />
                  </td>
                  <td className="mono">
                    <a href={`#event-${s.event_id}`}>{s.event_id}</a>
                  </td>
                  <td className="mono">{s.buyer_lead_id ?? '—'}</td>
                  <td>{time(s.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <LeadActions lead={l} />
      <RowsSection title="Returns" rows={l.returns} empty="No returns." />
      <RowsSection title="Conversions" rows={l.conversions} empty="No conversions." />
      <Section title={`Event timeline (${l.events.length})`}>
        <EventTimeline events={l.events} buyers={buyers} highlight={saleEvents} />
      </Section>
      <Section title="As posted">
        <details>
          <summary>raw request and intake outcome</summary>
          <pre className="code">
            {JSON.stringify({ raw: l.raw, outcome: l.outcome, consent: l.consent }, null, 2)}
          </pre>
        </details>
      </Section>
    </>
  )
}

const HIDDEN = new Set(['lead_id', 'post_id'])

/** Returns and conversions are rows other domains extend, so every column they carry is shown. */
function RowsSection(props: { title: string; rows: Row[]; empty: string }) {
  const columns = [...new Set(props.rows.flatMap((r) => Object.keys(r)))].filter((c) => !HIDDEN.has(c))
  return (
    <Section title={`${props.title} (${props.rows.length})`}>
      {props.rows.length === 0 ? (
        <Empty>{props.empty}</Empty>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{c.replace(/_/g, ' ')}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r, i) => (
              <tr key={String(r.id ?? i)}>
                {columns.map((c) => (
                  <td key={c}>{cell(c, r[c])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  )
}

function cell(column: string, value: unknown) {
  if (value === null || value === undefined) return <span className="muted">—</span>
  if (column === 'status' || column === 'state') return <Status value={String(value)} />
  if (column.endsWith('_cents') && typeof value === 'number') return cents(value)
  if (column.endsWith('_at') && typeof value === 'string') return time(value)
  if (typeof value === 'object') return <code>{JSON.stringify(value)}</code>
  return String(value)
}
