import type { PostingInstructions } from '../api/types'
import { ErrorBanner } from '../components/error-banner'
import { Section } from '../components/section'
import { useToast } from '../components/toast'
import { useApiQuery } from '../query'

type Campaign = PostingInstructions['campaigns'][number]

/**
 * How this seller posts (docs/portals.md, "Posting instructions"): the endpoint, its own ids, each
 * lead type's fields with types and examples, and curl commands for form, JSON and XML bodies.
 */
export function PostingInstructionsScreen() {
  const doc = useApiQuery<PostingInstructions>('/portal/seller/posting-instructions')
  const d = doc.data
  return (
    <div>
      <div className="toolbar">
        <h1>Posting instructions</h1>
      </div>
      <ErrorBanner error={doc.error ?? undefined} />
      {d && (
        <>
          <Section title="Endpoint and credentials">
            <dl className="facts">
              <dt>POST (JSON answer)</dt>
              <dd className="mono">{d.endpoint.json_answer}</dd>
              <dt>POST (XML answer)</dt>
              <dd className="mono">{d.endpoint.xml_answer}</dd>
              <dt>vid</dt>
              <dd className="mono">{d.authentication.vid}</dd>
              <dt>password</dt>
              <dd className="mono">{d.authentication.password}</dd>
              {d.authentication.token && (
                <>
                  <dt>token</dt>
                  <dd className="mono">{d.authentication.token}</dd>
                </>
              )}
            </dl>
            <p className="muted">{d.authentication.notes}</p>
          </Section>
          {d.campaigns.map((c) => (
            <CampaignSection key={`${c.aid}-${c.lid}`} campaign={c} />
          ))}
        </>
      )}
    </div>
  )
}

function CampaignSection({ campaign: c }: { campaign: Campaign }) {
  const title = c.campaign
    ? `Campaign ${c.aid} · ${c.campaign} (${c.lead_type}, lid ${c.lid})`
    : `${c.lead_type} (lid ${c.lid})`
  return (
    <Section title={title}>
      <table className="grid">
        <thead>
          <tr>
            <th>Field</th>
            <th>Type</th>
            <th>Required</th>
            <th>Example</th>
          </tr>
        </thead>
        <tbody>
          {c.fields.map((f) => (
            <tr key={f.name}>
              <td className="mono">{f.name}</td>
              <td>{f.type}</td>
              <td>{f.required ? 'yes' : ''}</td>
              <td className="mono">{f.allowed ? f.allowed.join(' | ') : f.example}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Example label="Form body" command={c.examples.form} />
      <Example label="JSON body" command={c.examples.json} />
      <Example label="XML body" command={c.examples.xml} />
    </Section>
  )
}

function Example({ label, command }: { label: string; command: string }) {
  const toast = useToast()
  return (
    <div className="example">
      <div className="toolbar">
        <h3>{label}</h3>
        <span className="spacer" />
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(command).then(() => toast.good(`${label} example copied.`))
          }
        >
          Copy
        </button>
      </div>
      <pre className="code">{command}</pre>
    </div>
  )
}
