import { type FormEvent, useState } from 'react'
import { Link } from 'react-router'
import type { Campaign, Items, LeadType, Source } from '../api/types'
import { Section } from '../components/section'
import { useToast } from '../components/toast'
import { pretty } from '../format'
import { useApiQuery } from '../query'

interface PostAnswer {
  status: number
  body: unknown
  leadId?: number
}

const SAMPLE: Record<string, string> = {
  email: 'ada.lovelace@example.com',
  phone: '7025551234',
  postal_code: '89101',
  state: 'NV',
  dob: '1980-04-12',
  text: 'Ada',
}

/**
 * Posts one lead the way a seller does — LeadExec's `POST /processor/insert/general/json` with
 * the source's vid, campaign, lead type and password (docs/protocols/leadexec.md) — so an
 * operator can try a new set-up end to end from the browser. The lead is real: it is validated,
 * stored, sold and counted like any other.
 */
export function PostLeadScreen() {
  const toast = useToast()
  const sources = useApiQuery<Items<Source>>('/sources')
  const campaigns = useApiQuery<Items<Campaign>>('/campaigns')
  const types = useApiQuery<Items<LeadType>>('/lead-types')
  const [aid, setAid] = useState('')
  const [password, setPassword] = useState('')
  const [values, setValues] = useState<Record<string, string>>({})
  const [answer, setAnswer] = useState<PostAnswer>()
  const [busy, setBusy] = useState(false)
  const campaign = campaigns.data?.items.find((c) => String(c.aid) === aid)
  const source = sources.data?.items.find((s) => s.vid === campaign?.vid)
  const leadType =
    types.data?.items.find((t) => t.lid === campaign?.lid) ??
    (campaign && !campaign.lid ? types.data?.items[0] : undefined)
  const fields = (leadType?.fields ?? []) as { name: string; type: string; allowed?: string[] }[]
  const value = (f: { name: string; type: string; allowed?: string[] }) =>
    values[f.name] ?? (f.type === 'enum' ? (f.allowed?.[0] ?? '') : (SAMPLE[f.type] ?? ''))

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!campaign || !leadType) return
    setBusy(true)
    try {
      const res = await fetch('/processor/insert/general/json', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          source: { vid: campaign.vid, aid: campaign.aid, lid: leadType.lid, password },
          leads: [
            { fields: Object.fromEntries(fields.map((f) => [f.name, value(f)]).filter(([, v]) => v !== '')) },
          ],
        }),
      })
      const text = await res.text()
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {}
      const one = (Array.isArray(body) ? body[0] : body) as {
        LeadIdentifier?: number
        ResponseType?: string
        ResponseDetails?: string
      }
      setAnswer({ status: res.status, body, leadId: one?.LeadIdentifier || undefined })
      if (res.ok && one?.LeadIdentifier)
        toast.good(
          `Lead ${one.LeadIdentifier} posted: ${one.ResponseType ?? ''} ${one.ResponseDetails ?? ''}`.trim(),
        )
      else
        toast.error(
          `The post was refused: ${one?.ResponseType ?? res.status} ${one?.ResponseDetails ?? ''}`.trim(),
        )
    } catch (error) {
      toast.error(error as Error)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="editor">
      <div className="toolbar">
        <h1>Post a lead</h1>
      </div>
      <form onSubmit={submit}>
        <Section title="As the source">
          <p className="muted small">
            Posts through LeadExec's <code>/processor/insert/general/json</code>, exactly as a seller would:
            the lead is validated, de-duplicated, sold and counted like any other.
          </p>
          <div className="form-grid">
            <div className="field">
              <label htmlFor="post-campaign">Campaign</label>
              <select id="post-campaign" value={aid} onChange={(e) => setAid(e.target.value)}>
                <option value="">choose a campaign</option>
                {campaigns.data?.items.map((c) => (
                  <option key={c.aid} value={c.aid}>
                    {c.aid} · {c.name} (source {c.vid})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="post-password">Source password</label>
              <input
                id="post-password"
                type="password"
                autoComplete="off"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <small className="hint">
                {source ? `The password of source ${source.vid} · ${source.name}.` : ''}
              </small>
            </div>
          </div>
        </Section>
        {leadType && (
          <Section title={`Fields of ${leadType.name}`}>
            <div className="form-grid">
              {fields.map((f) => (
                <div className="field" key={f.name}>
                  <label htmlFor={`post-${f.name}`}>{f.name}</label>
                  <input
                    id={`post-${f.name}`}
                    value={value(f)}
                    onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                  />
                </div>
              ))}
            </div>
          </Section>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !leadType}>
            {busy ? 'Posting…' : 'Post lead'}
          </button>
        </div>
      </form>
      {answer && (
        <Section title={`Answer (HTTP ${answer.status})`}>
          {answer.leadId && (
            <p>
              <Link to={`/leads/${answer.leadId}`}>Open lead {answer.leadId}</Link>
            </p>
          )}
          <pre className="code">{pretty(answer.body)}</pre>
        </Section>
      )}
    </div>
  )
}
