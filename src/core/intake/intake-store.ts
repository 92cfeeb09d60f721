import type { FieldSpec } from '../leads/field-spec.js'
import type { JobSpec } from '../ports.js'
import type { IntakeIntent, IntakeOutcome } from './intake-command.js'
import type { IntakeReason } from './intake-reason.js'
import type { PostCapSlot, SourceSettings } from './source-settings.js'

/**
 * The storage port intake works through; src/storage/intake-store.ts implements it with Kysely.
 * Records are plain data so the core never sees a query builder.
 */
export interface SourceRecord {
  id: number
  vid: number
  status: string
  passwordHash: string | null
  requireToken: boolean
  settings: SourceSettings
}

export interface DuplicateRuleSpec {
  fields: string[]
  windowDays: number
  scope: 'source' | 'all'
}

export interface LeadTypeRecord {
  id: number
  lid: number
  status: string
  fields: FieldSpec[]
  duplicateRules: DuplicateRuleSpec[]
  /** lead_types.settings.qcHold: every lead of this type waits for review. */
  qcHold: boolean
}

export interface CampaignRecord {
  id: number
  aid: number
  sourceId: number
  leadTypeId: number | null
  status: string
}

export interface KeyToStore {
  rule: string
  keyHash: string
  windowDays: number
  scope: 'source' | 'all'
}

export interface SuppressionCandidate {
  kind: string
  value: string
  field: string
}

export interface SuppressionHit {
  listName: string
  field: string
}

export interface DuplicateHit {
  leadId: number
  sourceId: number | null
  receivedAt: string
}

/** One leads row as intake writes it (JSON columns as objects; the store serialises). */
export interface LeadRecord {
  postId: string
  sourceId: number
  campaignId: number | null
  leadTypeId: number | null
  reference: string | null
  status: string
  /** The decision's reason code; null while a post is queued. */
  reason: IntakeReason | null
  rejectionReason: string | null
  intent: IntakeIntent
  raw: unknown
  fields: unknown
  noSell: boolean
  /** A test lead (leads.is_test; docs/distribution.md, "Test leads"). */
  isTest: boolean
  pendingQc: boolean
  returnUrl: string | null
  sendAfter: string | null
  orderId: string | null
  consent: unknown
  ip: string | null
  receivedAt: string
}

export interface IntakeEventRecord {
  kind: string
  step: string
  outcome: string
  reason: string | null
  data: unknown
}

/**
 * The event of a post's decision: storage records it with the intent as its step and, when a
 * decision is given, the reason code and reference as its data.
 */
export interface PostDecisionEvent {
  kind: 'intake'
  intent: IntakeIntent
  outcome: string
  reason: string | null
  decision?: { code: IntakeReason; reference: string | null }
}

export interface LeadSave {
  lead: LeadRecord
  /** Set when a queued (async) post becomes this lead: the row is updated, not inserted. */
  existingLeadId?: number
  keys: KeyToStore[]
  caps: PostCapSlot[]
  event: PostDecisionEvent
  jobs: (leadId: number) => JobSpec[]
  /**
   * The lead's final outcome when nothing is left to do after storing it (a noSell or QC-held
   * post): recorded in the same transaction, as `saveOutcome` would record it.
   */
  outcome?: (leadId: number) => OutcomeSave
}

export interface OutcomeSave {
  outcome: IntakeOutcome
  status: string
  jobs: JobSpec[]
}

export interface RejectionSave {
  lead: LeadRecord
  existingLeadId?: number
  event: PostDecisionEvent
  /** Stored as outcome_json with processed_at, so status and callbacks read one shape. */
  outcome: IntakeOutcome
  jobs: (leadId: number) => JobSpec[]
}

/**
 * Saved, or refused inside the saving transaction: an earlier lead holds one of the keys (decided
 * under lock, so exactly one of N identical concurrent posts is saved), or a post cap is full.
 */
export type SaveResult =
  | { ok: true; leadId: number }
  | { ok: false; duplicate: DuplicateHit; overCap?: undefined }
  | { ok: false; overCap: PostCapSlot; duplicate?: undefined }

/** A stored lead as the async job and the update endpoint need it. */
export interface StoredLead {
  id: number
  postId: string
  sourceId: number | null
  campaignId: number | null
  leadTypeId: number | null
  status: string
  raw: Record<string, any>
  fields: Record<string, any>
  noSell: boolean
  pendingQc: boolean
  returnUrl: string | null
  processedAt: string | null
  receivedAt: string
  outcome: IntakeOutcome | null
}

export interface IntakeStore {
  findSource(vid: number): Promise<SourceRecord | undefined>
  findSourceById(id: number): Promise<SourceRecord | undefined>
  /**
   * The source id a bearer token belongs to, or null when unknown, revoked, expired, or used from
   * outside the token's allowed_cidrs.
   */
  tokenOwner(token: string, now: Date, clientIp: string | undefined): Promise<number | null>
  findLeadType(lid: number): Promise<LeadTypeRecord | undefined>
  findLeadTypeById(id: number): Promise<LeadTypeRecord | undefined>
  findCampaign(aid: number): Promise<CampaignRecord | undefined>
  findCampaignById(id: number): Promise<CampaignRecord | undefined>
  defaultCampaign(sourceId: number, leadTypeId: number): Promise<CampaignRecord | undefined>
  findSuppression(leadTypeId: number, candidates: SuppressionCandidate[]): Promise<SuppressionHit | undefined>
  /** A read without lock: the Duplicate Check endpoint's answer (intake decides in saveLead). */
  findDuplicate(
    leadTypeId: number,
    sourceId: number,
    keys: KeyToStore[],
    now: Date,
  ): Promise<DuplicateHit | undefined>
  /**
   * Lead row, its keys, the intake event and its jobs in one transaction, after deciding the
   * duplicate rules under a lock on the keys and taking cap slots.
   */
  saveLead(save: LeadSave): Promise<SaveResult>
  /** A post that will not be sold: the row (or the queued row, updated) with its reason and event. */
  saveRejection(rejection: RejectionSave): Promise<number>
  /**
   * Turns a just-accepted lead into a rejected one (a bad ping order): drops its duplicate keys,
   * records the outcome and enqueues `jobs`, in one transaction.
   */
  rejectLead(leadId: number, outcome: IntakeOutcome, jobs: JobSpec[]): Promise<void>
  /** A queued async post: row and its processing job, one transaction. */
  saveQueued(lead: LeadRecord, jobs: (leadId: number) => JobSpec[]): Promise<number>
  /** Records the final outcome once (first writer wins) and enqueues `jobs` with it. */
  saveOutcome(leadId: number, outcome: IntakeOutcome, status: string, jobs: JobSpec[]): Promise<boolean>
  loadLead(leadId: number): Promise<StoredLead | undefined>
  /** New field values, raw command and duplicate keys of a lead, with its event and jobs, in one transaction. */
  updateLead(update: LeadUpdateSave): Promise<void>
  /** A queued async ping and its job, one transaction. */
  saveQueuedPing(ping: QueuedPing, jobs: JobSpec[]): Promise<void>
  loadPing(id: string): Promise<StoredPing | undefined>
  /** Records a ping's answer once (first writer wins) and enqueues `jobs` with it. */
  finishPing(id: string, response: unknown, jobs: JobSpec[]): Promise<boolean>
}

export interface QueuedPing {
  id: string
  sourceId: number
  leadTypeId: number
  request: { fields: Record<string, string>; meta: Record<string, string>; test?: boolean }
  returnUrl: string | null
  createdAt: string
}

export interface StoredPing extends QueuedPing {
  status: string
  response: unknown
}

export interface LeadUpdateSave {
  leadId: number
  leadTypeId: number
  sourceId: number
  fields: unknown
  raw: unknown
  keys: KeyToStore[]
  /** Send the lead to distribution again (processDelivery): status accepted, processed_at cleared. */
  redistribute: boolean
  event: IntakeEventRecord
  jobs: JobSpec[]
}
