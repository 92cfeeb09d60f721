import { type EventRecord, instantEvent } from '../events/event-record.js'
import type { Clock } from '../ports.js'
import { notificationJob } from '../webhooks/webhook-events.js'
import { type ComplianceCheck, type ComplianceResult, passed } from './compliance-facts.js'
import type {
  ComplianceProviders,
  ComplianceStore,
  ComplianceSubject,
  ProviderAnswer,
} from './compliance-ports.js'
import { complianceTerms } from './compliance-terms.js'

const DAY_MS = 86_400_000

export interface GateDeps {
  store: ComplianceStore
  providers: ComplianceProviders
  clock: Clock
}

/** What the gate decided: null to go on selling, else why the lead may not be sold. */
export interface GateOutcome {
  blockReason: string | null
  results: ComplianceResult[]
  sourceId: number | null
}

const missing = (reason: string): ProviderAnswer => ({ outcome: 'missing', reason, data: {}, call: null })
const unconfigured = (what: string): ProviderAnswer => ({
  outcome: 'error',
  reason: `${what} is not configured`,
  data: {},
  call: null,
})

async function consentAnswer(
  subject: ComplianceSubject,
  check: 'trustedform' | 'jornaya',
  claim: boolean,
  deps: GateDeps,
): Promise<ProviderAnswer> {
  const token = check === 'trustedform' ? subject.trustedformId : subject.jornayaToken
  if (!token)
    return missing(
      `the lead carries no ${check === 'trustedform' ? 'TrustedForm certificate' : 'Jornaya LeadiD token'}`,
    )
  const verifier = deps.providers[check]
  if (!verifier) return unconfigured(check === 'trustedform' ? 'TrustedForm' : 'Jornaya')
  return verifier.verify({
    token,
    leadId: subject.leadId,
    claim,
    email: subject.email ?? undefined,
    phone: subject.phone ?? undefined,
  })
}

/** Runs the checks not yet recorded; one scrub call answers both phone lists. */
async function answers(
  subject: ComplianceSubject,
  checks: readonly ComplianceCheck[],
  claim: boolean,
  deps: GateDeps,
): Promise<Map<ComplianceCheck, ProviderAnswer>> {
  const out = new Map<ComplianceCheck, ProviderAnswer>()
  const phoneChecks = checks.filter((c) => c === 'dnc' || c === 'litigator')
  if (phoneChecks.length > 0) {
    const scrubber = deps.providers.scrubber
    const scrubbed = !subject.phone
      ? { dnc: missing('the lead carries no phone'), litigator: missing('the lead carries no phone') }
      : scrubber
        ? await scrubber.scrub(subject.phone)
        : { dnc: unconfigured('The phone scrub'), litigator: unconfigured('The phone scrub') }
    for (const check of phoneChecks) out.set(check, scrubbed[check as 'dnc' | 'litigator'])
  }
  for (const check of checks) {
    if (check === 'trustedform' || check === 'jornaya')
      out.set(check, await consentAnswer(subject, check, claim, deps))
  }
  return out
}

function eventOf(
  subject: ComplianceSubject,
  check: ComplianceCheck,
  answer: ProviderAnswer,
  at: Date,
): EventRecord {
  const base = instantEvent({
    leadId: subject.leadId,
    kind: 'compliance',
    step: check,
    sourceId: subject.sourceId,
    outcome: answer.outcome,
    reason: answer.reason,
    data: answer.data,
    at,
  })
  if (!answer.call) return base
  const { startedAt, durationMs, request, response } = answer.call
  return {
    ...base,
    startedAt,
    finishedAt: new Date(startedAt.getTime() + durationMs),
    durationMs,
    request,
    response,
  }
}

/** When the consent was given: the certificate's creation when TrustedForm told us, else intake. */
function consentAt(subject: ComplianceSubject, results: readonly ComplianceResult[]): Date {
  const created = results.find((r) => r.check === 'trustedform')?.data.createdAt
  const at = typeof created === 'string' ? new Date(created) : null
  return at && !Number.isNaN(at.getTime()) && at < subject.receivedAt ? at : subject.receivedAt
}

export function consentAgeDays(subject: ComplianceSubject, results: readonly ComplianceResult[], now: Date) {
  return Math.floor((now.getTime() - consentAt(subject, results).getTime()) / DAY_MS)
}

function blockReason(
  subject: ComplianceSubject,
  all: readonly ComplianceResult[],
  now: Date,
  extraMaxAgeDays: number | null,
): string | null {
  const terms = complianceTerms(subject.leadTypeSettings)
  if (terms.failAction === 'block') {
    const failed = all.find((r) => terms.checks.includes(r.check) && !passed(r))
    if (failed)
      return `compliance: ${failed.check} ${failed.outcome}${failed.reason ? ` (${failed.reason})` : ''}`
  }
  const limits = [terms.maxConsentAgeDays, extraMaxAgeDays].filter((d): d is number => d !== null)
  if (limits.length === 0) return null
  const limit = Math.min(...limits)
  const age = consentAgeDays(subject, all, now)
  return age > limit ? `compliance: consent is ${age} days old (limit ${limit})` : null
}

/**
 * The compliance use-case (docs/compliance.md): runs each check the lead type or one of its
 * contracts needs and this lead has not had yet, records every result and its event in one
 * transaction, then says whether the lead may be sold. Provider calls happen outside any
 * transaction; a provider that cannot be reached is an `error` result, never a throw.
 */
export function createComplianceGate(deps: GateDeps) {
  return {
    async run(
      leadId: number,
      options: { maxConsentAgeDays?: number | null } = {},
    ): Promise<GateOutcome | null> {
      const subject = await deps.store.loadSubject(leadId)
      if (!subject) return null
      const terms = complianceTerms(subject.leadTypeSettings)
      const done = new Set(subject.done.map((r) => r.check))
      const needed = [...new Set([...terms.checks, ...subject.contractChecks])].filter((c) => !done.has(c))
      const fresh: ComplianceResult[] = []
      if (needed.length > 0) {
        const got = await answers(subject, needed, terms.claim, deps)
        const at = deps.clock.now()
        const events: EventRecord[] = []
        for (const [check, answer] of got) {
          fresh.push({
            check,
            outcome: answer.outcome,
            reason: answer.reason,
            data: answer.data,
            checkedAt: at,
          })
          events.push(eventOf(subject, check, answer, at))
        }
        await deps.store.record(leadId, fresh, events)
      }
      const all = [...subject.done, ...fresh]
      const reason = blockReason(subject, all, deps.clock.now(), options.maxConsentAgeDays ?? null)
      return { blockReason: reason, results: all, sourceId: subject.sourceId }
    },
    /**
     * Records a block: a `compliance`/`gate` event and a `distribution` event carrying the reason,
     * the lead's rejection reason, and (for a fresh lead) status `unsold` with `lead.unsold`.
     */
    async block(leadId: number, sourceId: number | null, reason: string, step = 'compliance') {
      const at = deps.clock.now()
      const common = { leadId, sourceId, reason, at }
      const events = [
        instantEvent({ ...common, kind: 'compliance', step: 'gate', outcome: 'blocked' }),
        instantEvent({ ...common, kind: 'distribution', step, outcome: 'unsold' }),
      ]
      const unsold = notificationJob(
        'lead.unsold',
        { lead_id: leadId, source_id: sourceId, reason },
        { sourceId },
        at,
      )
      await deps.store.block({ leadId, reason, events, jobs: [unsold] })
    },
  }
}

export type ComplianceGate = ReturnType<typeof createComplianceGate>
