import type { AuditContext } from '../accounts/caller.js'
import type { ComplianceGate } from '../compliance/compliance-gate.js'
import type { DistributionDeps } from '../distribution/distribution-run.js'
import type { SendResult } from '../distribution/distributor.js'
import { LeadflowError } from '../errors.js'
import { instantEvent } from '../events/event-record.js'
import type { JobSpec } from '../ports.js'
import type { LeadSelection, OfferPayload, RedistributionStore, RuleWrite } from './redistribution-ports.js'
import { OFFER_STATUSES, type OfferStatus, type RuleView, validateRule } from './redistribution-rule.js'
import { sellAged } from './sell-aged.js'

export const OFFER_TASK = 'redistribution.offer' as const
export const SWEEP_TASK = 'redistribution.sweep' as const

/** Leads one rule queues per sweep; the next sweep takes the rest. */
const SWEEP_BATCH = 500

export interface OfferOutcome {
  lead_id: number
  offered: boolean
  attempt: number | null
  sold: boolean
  price_cents: number
  reason: string | null
  sends: SendResult[]
}

export interface RedistributionDeps {
  store: RedistributionStore
  gate: ComplianceGate
  distribution: DistributionDeps
}

export interface FilteredOffer {
  statuses?: OfferStatus[]
  lid?: number | null
  vid?: number | null
  received_from?: string | null
  received_to?: string | null
  limit?: number
}

function offerJob(leadId: number, ruleId: number | null, attempt: number, now: Date): JobSpec {
  return {
    task: OFFER_TASK,
    payload: { leadId, ruleId } satisfies OfferPayload,
    // One queued offer per lead and attempt, whichever node's sweep (or operator) asked first.
    options: { runAt: now, key: `redistribution:${leadId}:${ruleId ?? 'manual'}:${attempt}`, maxAttempts: 3 },
  }
}

/** The next `redistribution.sweep`, keyed by its slot so every node agrees on one chain (as jobs.prune). */
export function nextSweepJob(now: Date, everyMinutes: number): JobSpec {
  const every = everyMinutes * 60_000
  const slot = new Date((Math.floor(now.getTime() / every) + 1) * every)
  return {
    task: SWEEP_TASK,
    payload: {},
    options: { runAt: slot, key: `redistribution.sweep:${slot.toISOString()}` },
  }
}

function ruleProblem(write: Exclude<RuleWrite, { ok: true }>, name: string): LeadflowError {
  if (write.reason === 'not_found') return new LeadflowError('LF_NOT_FOUND', 'No such re-distribution rule')
  if (write.reason === 'name_taken')
    return new LeadflowError('LF_CONFLICT', `A re-distribution rule named "${name}" exists`)
  return new LeadflowError(
    'LF_VALIDATION',
    `${write.reason === 'unknown_lid' ? 'Lead type lid' : 'Source vid'} does not exist`,
  )
}

function dateOrNull(value: string | null | undefined, what: string): Date | null {
  if (value === undefined || value === null || value === '') return null
  const at = new Date(value)
  if (Number.isNaN(at.getTime()))
    throw new LeadflowError('LF_VALIDATION', `${what} is not a date: "${value}"`)
  return at
}

/**
 * Re-distribution (docs/distribution.md, "Re-distribution"): rules, the sweep that queues due
 * leads, and the offer itself — claim an attempt, pass the compliance gate (with the rule's
 * consent-age limit), offer to aged-lead contracts, record the trail.
 */
export function createRedistribution(deps: RedistributionDeps) {
  const { store, gate } = deps
  const clock = deps.distribution.clock
  const get = async (id: number): Promise<RuleView> => {
    const [rule] = await store.listRules(id)
    if (!rule) throw new LeadflowError('LF_NOT_FOUND', `No re-distribution rule ${id}`)
    return rule
  }

  async function offer(leadId: number, ruleId: number | null): Promise<OfferOutcome> {
    const rule = ruleId === null ? null : (await store.activeRules()).find((r) => r.id === ruleId)
    const none = (reason: string): OfferOutcome => ({
      lead_id: leadId,
      offered: false,
      attempt: null,
      sold: false,
      price_cents: 0,
      reason,
      sends: [],
    })
    if (ruleId !== null && !rule) return none('the rule is gone or inactive')
    const now = clock.now()
    const claim = await store.claimOffer(
      leadId,
      {
        ruleId,
        statuses: rule?.statuses ?? OFFER_STATUSES,
        maxAttempts: rule?.maxAttempts ?? null,
        lastOfferBefore: rule ? new Date(now.getTime() - rule.afterMinutes * 60_000) : null,
      },
      now,
    )
    if (!claim.ok) return none(claim.reason)
    const context = await store.loadOffer(leadId)
    if (!context) return none('lead is not available for re-distribution')
    const source = context.ctx.source.id
    const data = { attempt: claim.attempt, ruleId }
    const gated = await gate.run(leadId, { maxConsentAgeDays: rule?.maxConsentAgeDays ?? null })
    if (gated?.blockReason) {
      const at = clock.now()
      const reason = gated.blockReason
      await store.finishOffer({
        leadId,
        sold: false,
        outcome: 'blocked',
        redirectUrl: '',
        events: [
          instantEvent({
            leadId,
            kind: 'compliance',
            step: 'gate',
            sourceId: source,
            outcome: 'blocked',
            reason,
            at,
          }),
          instantEvent({
            leadId,
            kind: 'redistribution',
            step: 'offer',
            sourceId: source,
            outcome: 'unsold',
            reason,
            data,
            at,
          }),
        ],
        jobs: [],
      })
      return { ...none(reason), offered: true, attempt: claim.attempt }
    }
    const run = await sellAged(context, deps.distribution)
    const sold = run.sends.some((s) => s.valid)
    const reason = sold
      ? null
      : ([...run.sends].reverse().find((s) => !s.valid)?.reason ?? 'no aged-lead buyer took it')
    run.events.push(
      instantEvent({
        leadId,
        kind: 'redistribution',
        step: 'offer',
        sourceId: source,
        outcome: sold ? 'sold' : 'unsold',
        reason,
        data: { ...data, priceCents: run.priceCents, sends: run.sends.length },
        at: clock.now(),
      }),
    )
    await store.finishOffer({
      leadId,
      sold,
      outcome: sold ? 'sold' : 'unsold',
      redirectUrl: run.redirectUrl,
      events: run.events,
      jobs: run.jobs,
    })
    return {
      lead_id: leadId,
      offered: true,
      attempt: claim.attempt,
      sold,
      price_cents: run.priceCents,
      reason,
      sends: run.sends,
    }
  }

  async function selection(filter: FilteredOffer): Promise<LeadSelection> {
    const keys = await store.resolveNaturalKeys({ lid: filter.lid, vid: filter.vid })
    if (keys.unknown)
      throw new LeadflowError(
        'LF_VALIDATION',
        `${keys.unknown === 'lid' ? 'Lead type lid' : 'Source vid'} does not exist`,
      )
    return {
      statuses: filter.statuses?.length ? filter.statuses : OFFER_STATUSES,
      leadTypeId: keys.leadTypeId,
      sourceId: keys.sourceId,
      receivedFrom: dateOrNull(filter.received_from, 'received_from'),
      receivedTo: dateOrNull(filter.received_to, 'received_to'),
      limit: filter.limit ?? 100,
    }
  }

  return {
    rules: {
      list: () => store.listRules(),
      get,
      async create(input: Record<string, unknown>, audit: AuditContext) {
        const spec = validateRule(input)
        const write = await store.createRule(
          spec,
          { audit, action: 'redistribution_rule.create' },
          clock.now(),
        )
        if (!write.ok) throw ruleProblem(write, spec.name)
        return get(write.id)
      },
      async update(id: number, changes: Record<string, unknown>, audit: AuditContext) {
        const { id: _id, created_at: _c, updated_at: _u, ...current } = await get(id)
        const spec = validateRule({ ...current, ...changes })
        const write = await store.updateRule(
          id,
          spec,
          { audit, action: 'redistribution_rule.update' },
          clock.now(),
        )
        if (!write.ok) throw ruleProblem(write, spec.name)
        return get(id)
      },
      async remove(id: number, audit: AuditContext) {
        if (!(await store.deleteRule(id, { audit, action: 'redistribution_rule.delete' }, clock.now())))
          throw new LeadflowError('LF_NOT_FOUND', `No re-distribution rule ${id}`)
      },
    },
    /** Offers one lead now (a queued offer job: a refusal is an answer, not an error). */
    offer,
    /** An operator's re-distribution of one lead: 404 unknown, 409 when it may not be offered. */
    async offerNow(leadId: number): Promise<OfferOutcome> {
      const outcome = await offer(leadId, null)
      if (outcome.offered) return outcome
      if (outcome.reason === 'no such lead') throw new LeadflowError('LF_NOT_FOUND', `No lead ${leadId}`)
      throw new LeadflowError('LF_CONFLICT', `Lead ${leadId} cannot be re-distributed: ${outcome.reason}`)
    },
    /** Queues an operator's re-distribution of every lead a filter selects (one job per lead). */
    async queueFiltered(filter: FilteredOffer): Promise<{ matched: number; queued: number }> {
      const leads = await store.selectLeads(await selection(filter))
      const now = clock.now()
      await store.enqueue(leads.map((l) => offerJob(l.leadId, null, l.attempts + 1, now)))
      return { matched: leads.length, queued: leads.length }
    },
    /** One sweep: every active rule queues the leads due under it. */
    async sweep(): Promise<number> {
      const now = clock.now()
      let queued = 0
      for (const rule of await store.activeRules()) {
        const due = await store.dueLeads(rule, now, SWEEP_BATCH)
        await store.enqueue(due.map((l) => offerJob(l.leadId, rule.id, l.attempts + 1, now)))
        queued += due.length
      }
      return queued
    },
  }
}

export type Redistribution = ReturnType<typeof createRedistribution>
