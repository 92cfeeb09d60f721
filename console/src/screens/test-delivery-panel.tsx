import { useState } from 'react'
import { useFormContext } from 'react-hook-form'
import { api } from '../api'
import type { Contract, DeliveryTestResult, LeadType } from '../api/types'
import { applyApiError } from '../components/form'
import { Section } from '../components/section'
import { Status } from '../components/status'
import { cents, ms, pretty } from '../format'
import {
  CONTRACT_RENAMES,
  type ContractForm,
  type ContractValues,
  contractToApi,
} from '../forms/contract-form'
import { useAction } from '../query'

/** A plausible value per field type, so a test lead passes intake's rules without typing. */
const SAMPLE: Record<string, string> = {
  email: 'test.lead@example.com',
  phone: '7025551234',
  postal_code: '89101',
  state: 'NV',
  date: '2026-01-15',
  dob: '1980-04-12',
  ssn: '123-45-6789',
  ip: '203.0.113.7',
  url: 'https://example.com/',
  consent_url: '',
  number: '1',
  boolean: 'yes',
  text: 'Test',
}

type FieldDef = { name: string; type: string; allowed?: string[] }

/**
 * "Send a test lead": posts the editor's current (unsaved) contract and a sample lead to
 * POST /contracts/test-delivery and shows the exact request, the buyer's answer and the parsed
 * outcome. Nothing is recorded; the contract is not saved. A problem in the draft is shown on
 * the field it concerns, as on Save.
 */
export function TestDeliveryPanel(props: {
  contractId?: number
  stored?: Contract
  types: readonly LeadType[]
}) {
  const form = useFormContext<ContractForm, unknown, ContractValues>()
  const lid = form.watch('lid')
  const fields = (props.types.find((t) => t.lid === lid)?.fields ?? []) as FieldDef[]
  // Edits of the sample are kept per lead type; an untouched field shows its type's sample value.
  const [edits, setEdits] = useState<{ lid: unknown; values: Record<string, string> }>({ lid, values: {} })
  const own = edits.lid === lid ? edits.values : {}
  const sample = Object.fromEntries(
    fields.map((f) => [
      f.name,
      own[f.name] ?? (f.type === 'enum' ? (f.allowed?.[0] ?? '') : (SAMPLE[f.type] ?? 'Test')),
    ]),
  )
  const setSample = (values: Record<string, string>) => setEdits({ lid, values })
  const send = useAction<ContractValues, DeliveryTestResult>({
    run: (values) =>
      api('POST', '/contracts/test-delivery', {
        ...(props.contractId ? { contract_id: props.contractId } : {}),
        contract: contractToApi(values, props.stored),
        lead: { fields: Object.fromEntries(Object.entries(sample).filter(([, v]) => v !== '')) },
      }),
    success: (r) =>
      `Test lead sent: the buyer's answer reads as ${r.outcome.outcome}${r.outcome.reason ? ` (${r.outcome.reason})` : ''}.`,
    onError: (e) => applyApiError(form, e, CONTRACT_RENAMES),
  })
  const result = send.data
  return (
    <Section title="Send a test lead">
      <p className="muted small">
        Sends this form's delivery settings — saved or not — with the sample lead below, exactly as a sale
        would send it. Nothing is recorded: no lead, sale, cap use or error count.
      </p>
      {fields.length === 0 && <p className="muted">Choose the lead type to get its fields.</p>}
      <div className="form-grid">
        {fields.map((f) => (
          <div key={f.name} className="field">
            <label htmlFor={`sample-${f.name}`}>{f.name}</label>
            <input
              id={`sample-${f.name}`}
              value={sample[f.name] ?? ''}
              onChange={(e) => setSample({ ...sample, [f.name]: e.target.value })}
            />
          </div>
        ))}
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={send.isPending}
          onClick={form.handleSubmit((values) => send.mutate(values))}
        >
          {send.isPending ? 'Sending…' : 'Send test lead'}
        </button>
      </div>
      {result && <TestResult result={result} />}
    </Section>
  )
}

function TestResult({ result }: { result: DeliveryTestResult }) {
  const o = result.outcome
  return (
    <section className="test-result" aria-label="Test result">
      <h3>
        Outcome <Status value={o.outcome} /> {o.reason && <span>{o.reason}</span>}
      </h3>
      <dl className="facts">
        <dt>HTTP status</dt>
        <dd>{o.status ?? 'no answer'}</dd>
        <dt>Took</dt>
        <dd>{ms(o.duration_ms)}</dd>
        <dt>Price read</dt>
        <dd>{o.price_cents === null ? '—' : cents(o.price_cents)}</dd>
        <dt>Buyer's lead id</dt>
        <dd>{o.buyer_lead_id || '—'}</dd>
        <dt>Redirect URL</dt>
        <dd>{o.redirect_url || '—'}</dd>
      </dl>
      {result.lead.problems.length > 0 && (
        <p className="notice">
          Intake would refuse this sample lead:{' '}
          {result.lead.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}
        </p>
      )}
      <div className="exchange">
        <div>
          <h3>Request</h3>
          {result.request ? (
            <pre className="code">
              {`${result.request.method} ${result.request.url}\n`}
              {Object.entries(result.request.headers).map(([k, v]) => `${k}: ${v}\n`)}
              {`\n${pretty(result.request.body)}`}
            </pre>
          ) : (
            <p className="muted">Not sent.</p>
          )}
        </div>
        <div>
          <h3>Response</h3>
          {result.response ? (
            <pre className="code">
              {`HTTP ${result.response.status}\n`}
              {Object.entries(result.response.headers).map(([k, v]) => `${k}: ${v}\n`)}
              {`\n${pretty(result.response.body)}`}
            </pre>
          ) : (
            <p className="muted">No answer.</p>
          )}
        </div>
      </div>
    </section>
  )
}
