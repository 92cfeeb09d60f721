import { useState } from 'react'
import type { CapturedRequest, CapturedResponse, LeadEvent } from '../api/types'
import { Status } from '../components/status'
import { clock, ms, pretty } from '../format'

/**
 * Every step of the lead in time order (docs/api.md, "Leads"): what ran, how it ended, why, how
 * long it took, and — opened — the exact request sent and response received.
 */
export function EventTimeline(props: {
  events: LeadEvent[]
  buyers: Map<number, string>
  highlight: Set<string>
}) {
  const [open, setOpen] = useState<Set<string>>(new Set())
  if (props.events.length === 0) return <p className="empty">No events recorded.</p>
  const start = Date.parse(props.events[0].started_at)
  const toggle = (id: string) => {
    const next = new Set(open)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setOpen(next)
  }
  const all = open.size === props.events.length
  return (
    <>
      <div className="meta">
        <button
          type="button"
          className="link"
          onClick={() => setOpen(all ? new Set() : new Set(props.events.map((e) => e.id)))}
        >
          {all ? 'collapse all' : 'expand all'}
        </button>
      </div>
      <table className="grid timeline">
        <thead>
          <tr>
            <th />
            <th>Time</th>
            <th className="num">+ms</th>
            <th>Kind</th>
            <th>Step</th>
            <th>Buyer / contract</th>
            <th>Outcome</th>
            <th>Reason</th>
            <th className="num">Duration</th>
            <th>Event ID</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => {
            const expandable = Boolean(e.request || e.response || e.data)
            const isOpen = open.has(e.id)
            return [
              <tr
                key={e.id}
                id={`event-${e.id}`}
                className={`${expandable ? 'clickable-row' : ''} ${props.highlight.has(e.id) ? 'sale-event' : ''}`}
                onClick={() => expandable && toggle(e.id)}
              >
                <td className="caret">{expandable ? (isOpen ? '▾' : '▸') : ''}</td>
                <td className="mono">{clock(e.started_at)}</td>
                <td className="num muted">{Date.parse(e.started_at) - start}</td>
                <td>{e.kind}</td>
                <td>{e.step ?? ''}</td>
                <td>
                  {e.buyer_id !== null && e.buyer_id !== undefined
                    ? `${props.buyers.get(e.buyer_id) ?? `buyer ${e.buyer_id}`}`
                    : ''}
                  {e.contract_id ? <span className="muted"> #{e.contract_id}</span> : null}
                </td>
                <td>
                  <Status value={e.outcome} />
                  {e.response?.status ? <span className="muted"> HTTP {e.response.status}</span> : null}
                </td>
                <td className="reason">{e.reason ?? ''}</td>
                <td className="num">{ms(e.duration_ms)}</td>
                <td className="mono muted">{e.id}</td>
              </tr>,
              isOpen && (
                <tr key={`${e.id}-detail`} className="detail-row">
                  <td />
                  <td colSpan={9}>
                    <EventDetail event={e} />
                  </td>
                </tr>
              ),
            ]
          })}
        </tbody>
      </table>
    </>
  )
}

function EventDetail({ event }: { event: LeadEvent }) {
  return (
    <div className="exchange">
      {event.request && <RequestBlock request={event.request} />}
      {event.response && <ResponseBlock response={event.response} />}
      {event.data !== null && event.data !== undefined && (
        <div>
          <h3>Data</h3>
          <pre className="code">{pretty(event.data)}</pre>
        </div>
      )}
    </div>
  )
}

function headers(h: Record<string, string> | undefined) {
  return Object.entries(h ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')
}

// Pings, dialler hand-offs and feedback capture other shapes than an HTTP exchange: shown whole.
const isHttp = (x: CapturedRequest & CapturedResponse) =>
  Boolean(x.method || x.url || x.status !== undefined || x.headers)

function RequestBlock({ request: r }: { request: CapturedRequest }) {
  if (!isHttp(r)) return <Plain title="Request" value={r} />
  return (
    <div>
      <h3>Request</h3>
      <pre className="code">
        <strong>
          {r.method ?? ''} {r.url ?? ''}
        </strong>
        {'\n'}
        {headers(r.headers)}
        {'\n\n'}
        {pretty(r.body)}
      </pre>
    </div>
  )
}

function Plain(props: { title: string; value: unknown }) {
  return (
    <div>
      <h3>{props.title}</h3>
      <pre className="code">{pretty(props.value)}</pre>
    </div>
  )
}

function ResponseBlock({ response: r }: { response: CapturedResponse }) {
  if (!isHttp(r) && !r.error) return <Plain title="Response" value={r} />
  return (
    <div>
      <h3>Response</h3>
      <pre className="code">
        <strong>
          {r.status !== undefined ? `HTTP ${r.status}` : (r.error ?? 'no status')}
          {r.durationMs !== undefined ? ` · ${ms(r.durationMs)}` : ''}
        </strong>
        {'\n'}
        {headers(r.headers)}
        {'\n\n'}
        {pretty(r.body)}
      </pre>
    </div>
  )
}
