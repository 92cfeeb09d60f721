import type { AuditChange } from '../accounts/account-stores.js'
import type { EventRecord } from '../events/event-record.js'
import type { JobSpec } from '../ports.js'
import type { ReturnRateStats } from './acceptance-rules.js'
import type { ReturnPolicy } from './return-policy.js'

/** pending = in the return queue; the other three are decisions (schema.ts ReturnTable). */
export type ReturnStatus = 'pending' | 'credited' | 'replaced' | 'rejected'
export type FeedbackChannel = 'leadconduit' | 'cake' | 'native' | 'portal'

/** What the source's settings say about feedback (sources.settings_json). */
export interface SourceFeedbackSettings {
  /** Where accepted feedback is forwarded; null = not forwarded. */
  readonly postbackUrl: string | null
  /** Charge the source back for a lead once every sale of it is returned. */
  readonly chargebackReturns: boolean
}

/** One sale with everything the feedback rules need, read in one query. */
export interface SaleContext {
  readonly saleId: number
  readonly leadId: number
  readonly postId: string
  readonly reference: string | null
  readonly contractId: number
  readonly buyerId: number
  readonly sourceId: number | null
  readonly leadTypeId: number
  readonly verticalId: number
  readonly eventId: string
  readonly priceCents: number
  readonly leadCostCents: number
  readonly saleState: string
  readonly soldAt: string
  readonly convertedAt: string | null
  readonly policy: ReturnPolicy
  readonly source: SourceFeedbackSettings
  readonly existingReturn: ExistingReturn | null
}

export interface ExistingReturn {
  readonly id: number
  readonly status: ReturnStatus
  readonly reason: string | null
}

export interface Reason {
  readonly id: number
  readonly kind: 'return' | 'reject'
  readonly name: string
  readonly active: boolean
}

export interface LedgerEntry {
  readonly accountKind: 'buyer' | 'source'
  readonly accountId: number
  readonly entry: 'credit' | 'chargeback'
  readonly amountCents: number
  readonly memo: string
}

/** The state changes a return decision makes, applied by storage in one transaction. */
export interface ReturnEffects {
  /** New sale state, or null to leave the sale as sold (pending, rejected). */
  readonly saleState: 'credited' | 'replaced' | null
  readonly ledger: readonly LedgerEntry[]
  /** Queue the buyer for a replacement lead (replacements row). */
  readonly replacement: boolean
  /** Source chargeback, written only when this decision leaves no sale of the lead standing. */
  readonly chargeback: LedgerEntry | null
  readonly jobs: readonly JobSpec[]
}

export interface NewReturn {
  readonly sale: SaleContext
  readonly status: ReturnStatus
  readonly reasonId: number | null
  readonly reason: string | null
  readonly deniedReasonId: number | null
  readonly channel: FeedbackChannel
  readonly event: EventRecord
  readonly effects: ReturnEffects
  /** Checked inside the transaction, after the counts are read under a lock. */
  readonly rateGuard?: { since: Date; refuse: (stats: ReturnRateStats) => string | null }
  /** An operator's return: its audit row commits with it (buyer feedback is not audited). */
  readonly audit?: AuditChange
}

export type OpenReturnResult =
  | { kind: 'created'; returnId: number }
  | { kind: 'duplicate'; existing: ExistingReturn }
  | { kind: 'refused'; reason: string }

export interface ReturnDecision {
  readonly returnId: number
  readonly sale: SaleContext
  readonly status: Exclude<ReturnStatus, 'pending'>
  readonly deniedReasonId: number | null
  readonly event: EventRecord
  readonly effects: ReturnEffects
  readonly audit?: AuditChange
}

export interface NewConversion {
  readonly sale: SaleContext
  readonly event: EventRecord
  readonly jobs: readonly JobSpec[]
}

/** The storage port of the feedback domain (implemented in src/storage/feedback-store.ts). */
export interface FeedbackStore {
  saleByEventId(eventId: string): Promise<SaleContext | undefined>
  /** A lead by its LeadIdentifier (digits) or PostID; undefined when unknown. */
  findLeadId(leadRef: string): Promise<number | undefined>
  salesOfLead(leadId: number): Promise<SaleContext[]>
  saleOfReturn(returnId: number): Promise<SaleContext | undefined>
  findReason(kind: Reason['kind'], id: number): Promise<Reason | undefined>
  findReasonByName(kind: Reason['kind'], name: string): Promise<Reason | undefined>
  /** Inserts the return once per sale (the database's unique sale_id decides) with its effects. */
  openReturn(request: NewReturn): Promise<OpenReturnResult>
  /** Decides a pending return; false when it was no longer pending. */
  decideReturn(decision: ReturnDecision): Promise<boolean>
  /** Records the sale's conversion once; false when one was already recorded. */
  recordConversion(conversion: NewConversion): Promise<boolean>
  recordEvent(event: EventRecord): Promise<void>
}
