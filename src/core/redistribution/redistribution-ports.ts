import type { AuditChange } from '../accounts/account-stores.js'
import type { DistributionContext } from '../distribution/distribution-ports.js'
import type { EventRecord } from '../events/event-record.js'
import type { JobSpec } from '../ports.js'
import type { OfferStatus, RuleSpec, RuleTerms, RuleView } from './redistribution-rule.js'

/** The `redistribution.offer` job: one lead offered again, under a rule or by an operator. */
export interface OfferPayload {
  leadId: number
  /** null: an operator's re-distribution (no rule, no attempt limit). */
  ruleId: number | null
}

/** The `redistribution.sweep` job carries nothing: it reads the active rules. */
export type SweepPayload = Record<string, never>

/** A lead and what it has been through, as a re-offer needs it. */
export interface OfferContext {
  /** soldBuyerIds / exclusiveSold count only sales still standing (not credited or replaced). */
  ctx: DistributionContext
  status: string
  receivedAt: Date
  /** Buyers who bought and returned this lead, and buyers who bought a duplicate of it. */
  pastBuyerIds: number[]
  duplicateBuyerIds: number[]
}

export type ClaimResult = { ok: true; attempt: number } | { ok: false; reason: string }

export interface OfferClaim {
  ruleId: number | null
  statuses: readonly OfferStatus[]
  /** The rule's limit; null for an operator's offer. */
  maxAttempts: number | null
  /** The previous offer must be at least this old (a rule's `after_minutes`). */
  lastOfferBefore: Date | null
}

export interface LeadSelection {
  statuses: readonly OfferStatus[]
  leadTypeId?: number | null
  sourceId?: number | null
  receivedFrom?: Date | null
  receivedTo?: Date | null
  limit: number
}

export type RuleWrite =
  | { ok: true; id: number }
  | { ok: false; reason: 'name_taken' | 'unknown_lid' | 'unknown_vid' | 'not_found' }

/** Storage as re-distribution needs it (src/storage/redistribution-store.ts). */
export interface RedistributionStore {
  listRules(id?: number): Promise<RuleView[]>
  activeRules(): Promise<RuleTerms[]>
  createRule(rule: RuleSpec, change: AuditChange, now: Date): Promise<RuleWrite>
  updateRule(id: number, rule: RuleSpec, change: AuditChange, now: Date): Promise<RuleWrite>
  deleteRule(id: number, change: AuditChange, now: Date): Promise<boolean>
  /** Leads a rule may offer now, oldest first, with the attempts each has had. */
  dueLeads(rule: RuleTerms, now: Date, limit: number): Promise<{ leadId: number; attempts: number }[]>
  /** Leads an operator's filter selects, with their attempts so far. */
  selectLeads(selection: LeadSelection): Promise<{ leadId: number; attempts: number }[]>
  resolveNaturalKeys(keys: { lid?: number | null; vid?: number | null }): Promise<{
    leadTypeId: number | null
    sourceId: number | null
    unknown: 'lid' | 'vid' | null
  }>
  /** Counts one more offer of the lead, or says why it may not be offered (one conditional upsert). */
  claimOffer(leadId: number, claim: OfferClaim, now: Date): Promise<ClaimResult>
  loadOffer(leadId: number): Promise<OfferContext | null>
  /** The offer's trail, its outcome on the counter, and the lead `sold` when it sold, in one transaction. */
  finishOffer(finish: {
    leadId: number
    sold: boolean
    outcome: string
    redirectUrl: string
    events: readonly EventRecord[]
    jobs: readonly JobSpec[]
  }): Promise<void>
  enqueue(jobs: readonly JobSpec[]): Promise<void>
}
