import type { EventRecord } from '../events/event-record.js'
import type { JobSpec } from '../ports.js'
import type { CapSlot } from './cap-windows.js'
import type { ContractInfo } from './contract-terms.js'
import type { OrderCheck } from './distributor.js'
import type { LeadTypeTerms } from './lead-type-terms.js'
import type { LeadView } from './lead-view.js'
import type { SourceTerms } from './source-terms.js'

/** A bid a ping order holds until it expires (ping_orders.bids_json). */
export interface HeldBid {
  contractId: number
  buyerId: number
  bidCents: number
  /** Linked to the lead when the order is used, so the lead's trail shows the winning pings. */
  pingEventId?: string | null
}

/** A contract taking part in a rotation, with its share (its weight). */
export interface RotationCandidate {
  contractId: number
  weight: number
}

/** A replacement owed to a buyer (a returned lead approved "to replace"), oldest first. */
export interface ReplacementDue {
  id: number
  contractId: number
  buyerId: number
}

export interface SourceInfo extends SourceTerms {
  id: number | null
  vid: number | null
}

/** Everything one distribution reads before it starts; loaded in one go by storage. */
export interface DistributionContext {
  lead: LeadView
  leadType: LeadTypeTerms
  source: SourceInfo
  /** The lead type's contracts with their buyers (any status: the trail says why one is skipped). */
  contracts: ContractInfo[]
  /** Buyers this lead is already sold to, and whether one of those sales was exclusive. */
  soldBuyerIds: number[]
  exclusiveSold: boolean
  /** Bids held by the ping order this lead was posted with, best first; null without an order. */
  heldBids: HeldBid[] | null
  replacements: ReplacementDue[]
}

export interface SaleRecord {
  leadId: number
  contract: ContractInfo
  sourceId: number | null
  eventId: string
  priceCents: number
  sourcePriceCents: number
  buyerLeadId: string
  redirectUrl: string
  replacementId: number | null
  /** The cap slots reserved for this sale, at `reservedCents`; a different final price corrects their spend. */
  capSlots: readonly CapSlot[]
  reservedCents: number
  /** A credit reservation of `reservedCents` was taken; the sale's transaction gives it back. */
  creditHeld: boolean
  /** A test lead's sale: recorded with its events, but no ledger rows and no lead totals (never billed). */
  isTest?: boolean
  /**
   * Enqueue `lead.sold` for webhooks with the sale (default true); false while no enabled endpoint
   * subscribes to it (DistributionDeps.announces).
   */
  announce?: boolean
}

/** What `reserve` took: every cap slot and the buyer's credit, or nothing and why. */
export type Reservation = { ok: true; creditHeld: boolean } | { ok: false; reason: string }

export interface PingOrderRecord {
  id: string
  sourceId: number
  leadTypeId: number
  estimatedPriceCents: number
  bids: HeldBid[]
  fields: Record<string, unknown>
  expiresAt: Date
}

export interface LeadFinish {
  leadId: number
  sold: boolean
  redirectUrl: string
  events: EventRecord[]
  jobs: JobSpec[]
}

/** Storage as distribution needs it; implemented in src/storage/distribution-store.ts. */
export interface DistributionStore {
  loadContext(leadId: number): Promise<DistributionContext | null>
  loadPingContext(
    sourceId: number,
    leadTypeId: number,
  ): Promise<Pick<DistributionContext, 'leadType' | 'source' | 'contracts'> | null>
  /** Takes every cap slot and the buyer's credit, or none (one transaction). */
  reserve(slots: readonly CapSlot[], buyerId: number, priceCents: number): Promise<Reservation>
  release(slots: readonly CapSlot[], buyerId: number, creditHeld: boolean, priceCents: number): Promise<void>
  /** Why a sale at `priceCents` would not fit now (a cap, a budget, the buyer's credit), or null; takes nothing. */
  checkRoom(slots: readonly CapSlot[], buyerId: number, priceCents: number): Promise<string | null>
  /**
   * Takes the next turn of a rotation (docs/distribution.md, "Rotations") among `candidates`:
   * the contract furthest below its share, counted as served at once (one transaction, so two
   * nodes never give the same turn). Null when no candidate may take a turn.
   */
  takeTurn(group: string, candidates: readonly RotationCandidate[]): Promise<number | null>
  /** Gives back a turn `takeTurn` gave (the buyer said no, or no sale was recorded). */
  returnTurn(group: string, contractId: number): Promise<void>
  /** Sale, ledger rows, lead totals, replacement and events in one transaction. */
  recordSale(
    sale: SaleRecord,
    events: readonly EventRecord[],
  ): Promise<{ ok: true; saleId: number } | { ok: false; reason: string }>
  /**
   * Counts a delivery error; pauses the contract when it reaches `pauseAfter`, enqueueing
   * `onPause` in the pause's transaction. True when it paused now.
   */
  recordDeliveryError(contractId: number, pauseAfter: number, onPause: readonly JobSpec[]): Promise<boolean>
  recordDeliveryAnswer(contractId: number): Promise<void>
  insertEvents(events: readonly EventRecord[]): Promise<void>
  finishLead(finish: LeadFinish): Promise<void>
  createOrder(order: PingOrderRecord, events: readonly EventRecord[]): Promise<void>
  useOrder(orderId: string, sourceId: number, leadId: number): Promise<OrderCheck>
}
