import type { FieldSpec } from '../leads/field-spec.js'

/** One page of a partner's records, newest first; `next_before` continues it (null: no more). */
export type Page<T> = {
  items: T[]
  next_before: number | null
}

/** A lead the buyer bought, with its fields (normalized values). */
export type BoughtLead = {
  sale_id: number
  lead_id: number
  /** The event id sent with the lead: the one feedback names. */
  event_id: string
  sold_at: string
  price_cents: number
  /** sold | returned | credited | replaced */
  state: string
  contract_id: number
  contract_name: string
  buyer_lead_id: string | null
  converted_at: string | null
  return_status: string | null
  fields: Record<string, unknown>
}

export type BuyerContract = {
  id: number
  name: string
  status: string
  price_cents: number
  lead_type: string
}

export type BuyerConversion = {
  lead_id: number
  sale_id: number
  amount_cents: number | null
  converted_at: string
}

/** A lead the seller posted, as the seller may see it. */
export type PostedLead = {
  lead_id: number
  post_id: string
  received_at: string
  /** received | queued | pending_qc | accepted | sold | unsold | rejected | returned */
  status: string
  /** The intake decision (LeadExec ResponseType name), e.g. Duplicate_Lead. */
  response_type: string | null
  rejection_reason: string | null
  /** What the seller earns for it, in cents. */
  earned_cents: number
  /** Buyer identity is null unless the operator shows buyers to this seller. */
  sales: Array<{ buyer_id: number | null; buyer_name: string | null; sold_at: string; returned: boolean }>
}

export type SellerStats = {
  since: string
  leads: number
  rejected: number
  sold: number
  sales: number
  returned: number
}

export type SellerCampaign = {
  aid: number
  name: string
  status: string
  lead_type: { lid: number; name: string; fields: FieldSpec[] } | null
}

export type SellerSource = {
  id: number
  vid: number
  name: string
  requireToken: boolean
  /** The operator lets this seller see which buyers bought its leads (source settings `showBuyers`). */
  showBuyers: boolean
  campaigns: SellerCampaign[]
  /** Lead types the source may post without naming a campaign (every active one when unrestricted). */
  leadTypes: Array<{ lid: number; name: string; fields: FieldSpec[] }>
}

/**
 * Reads for the partner portals (src/storage/portal-store.ts). Every method takes the partner's
 * own id and reads only rows carrying it: scoping is in the query, not a filter afterwards.
 */
export interface PortalStore {
  boughtLeads(buyerId: number, limit: number, before: number | null): Promise<Page<BoughtLead>>
  /** The buyer's sale of a lead (its latest, when a replacement sold it again), or undefined. */
  boughtLead(buyerId: number, leadId: number): Promise<BoughtLead | undefined>
  /** Field names of the lead types the buyer's contracts take, for the CSV header. */
  buyerFieldNames(buyerId: number): Promise<string[]>
  buyerContracts(buyerId: number): Promise<BuyerContract[]>
  /** buyers.settings.portalCanPause: the operator lets this buyer pause and resume its contracts. */
  buyerCanPause(buyerId: number): Promise<boolean>
  conversions(buyerId: number, limit: number): Promise<BuyerConversion[]>
  postedLeads(sourceId: number, limit: number, before: number | null): Promise<Page<PostedLead>>
  sellerStats(sourceId: number, since: Date): Promise<SellerStats>
  sellerSource(sourceId: number): Promise<SellerSource | undefined>
}
