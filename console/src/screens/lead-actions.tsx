import { useState } from 'react'
import { api } from '../api'
import type { Contract, DistributionOutcome, Items, LeadDetail } from '../api/types'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { Section } from '../components/section'
import { useAction, useApiQuery } from '../query'

/** Re-send and re-distribute share one permission (docs/accounts.md). */
export const REDISTRIBUTE = 'leads:redistribute'

/** The answer of POST /leads/:id/redistribute. */
interface Offer {
  offered: boolean
  sold: boolean
  reason: string | null
}

/** The lead's parsed email and phone (fields are `{ normal, valid, components }`), for a purge. */
function contactsOf(fields: unknown): { email?: string; phone?: string } {
  const out: { email?: string; phone?: string } = {}
  for (const value of Object.values((fields ?? {}) as Record<string, unknown>)) {
    const f = value as { normal?: string; valid?: boolean; components?: Record<string, unknown> }
    if (!f?.valid || typeof f.normal !== 'string') continue
    if (!out.phone && f.components && 'e164' in f.components) out.phone = f.normal
    else if (!out.email && f.components && 'domain' in f.components && f.normal.includes('@'))
      out.email = f.normal
  }
  return out
}

/** What an operator may do with one lead: re-send, re-distribute, purge the consumer's data. */
export function LeadActions({ lead }: { lead: LeadDetail }) {
  const can = useCan()
  const mayResend = can(REDISTRIBUTE)
  const mayRedistribute = mayResend
  const mayPurge = can('privacy:purge')
  if (!mayResend && !mayRedistribute && !mayPurge) return null
  return (
    <Section title="Actions">
      <div className="wrap-actions">
        {mayResend && <Resend lead={lead} />}
        {mayRedistribute && <Redistribute lead={lead} />}
        {mayPurge && <Purge lead={lead} />}
      </div>
    </Section>
  )
}

function Resend({ lead }: { lead: LeadDetail }) {
  const contracts = useApiQuery<Items<Contract>>('/contracts')
  const [contractId, setContractId] = useState('')
  const confirm = useConfirm()
  const [result, setResult] = useState<string | null>(null)
  const own = contracts.data?.items.filter((c) => c.lead_type_id === lead.lead_type?.id) ?? []
  const send = useAction<number, DistributionOutcome>({
    run: (id) => api('POST', `/leads/${lead.id}/resend`, { contractId: id }),
    success: (r) => (r.sold ? `Lead ${lead.id} sold.` : `Sent; the buyer said no: ${r.reason}`),
    onSuccess: (r) => setResult(r.sold ? 'Sold.' : `Not sold: ${r.reason}`),
    onError: (e) => setResult(e.message),
    invalidate: [[`/leads/${lead.id}`], ['/leads']],
  })
  const go = async () => {
    const contract = own.find((c) => String(c.id) === contractId)
    if (!contract) return
    const ok = await confirm({
      title: `Send lead ${lead.id} to ${contract.buyer_name} · ${contract.name}?`,
      body: 'The lead is delivered now, and sold if the buyer accepts it.',
      confirmLabel: 'Send lead',
      tone: 'plain',
    })
    if (ok) send.mutate(contract.id)
  }
  return (
    <>
      <select
        aria-label="Contract to send to"
        value={contractId}
        onChange={(e) => setContractId(e.target.value)}
      >
        <option value="">send to contract…</option>
        {own.map((c) => (
          <option key={c.id} value={c.id}>
            {c.buyer_name} · {c.name} ({c.status})
          </option>
        ))}
      </select>
      <button type="button" disabled={!contractId || send.isPending} onClick={() => void go()}>
        Re-send
      </button>
      {result && (
        <output className="muted" aria-live="polite">
          {result}
        </output>
      )}
    </>
  )
}

function Redistribute({ lead }: { lead: LeadDetail }) {
  const confirm = useConfirm()
  const run = useAction<void, Offer>({
    run: () => api('POST', `/leads/${lead.id}/redistribute`, {}),
    success: (r) =>
      r.sold
        ? `Lead ${lead.id} sold again.`
        : `${r.offered ? 'Offered, not sold' : 'Not offered'}: ${r.reason ?? 'no buyer took it'}`,
    invalidate: [[`/leads/${lead.id}`], ['/leads']],
  })
  const go = async () => {
    const ok = await confirm({
      title: `Distribute lead ${lead.id} again?`,
      body: 'It is offered now to the contracts that buy aged leads; buyers that bought it are skipped.',
      confirmLabel: 'Re-distribute',
      tone: 'plain',
    })
    if (ok) run.mutate()
  }
  return (
    <button type="button" disabled={run.isPending} onClick={() => void go()}>
      Re-distribute
    </button>
  )
}

function Purge({ lead }: { lead: LeadDetail }) {
  const confirm = useConfirm()
  const who = contactsOf(lead.fields)
  const purge = useAction<void, { leads: number[]; calls: number; other: number }>({
    run: () => api('POST', '/privacy/purge', who),
    success: (r) => `Purged: ${r.leads.length} lead(s), ${r.calls} call(s), ${r.other} other record(s).`,
    invalidate: [[`/leads/${lead.id}`], ['/leads']],
  })
  if (!who.email && !who.phone) return null
  const go = async () => {
    const ok = await confirm({
      title: "Erase this consumer's personal data?",
      body: `Every lead, call and record carrying ${[who.email, who.phone].filter(Boolean).join(' or ')} loses its personal data. Ids, statuses and money stay. This cannot be undone.`,
      confirmLabel: 'Purge consumer',
      tone: 'danger',
    })
    if (ok) purge.mutate()
  }
  return (
    <button type="button" className="danger" disabled={purge.isPending} onClick={() => void go()}>
      Purge consumer…
    </button>
  )
}
