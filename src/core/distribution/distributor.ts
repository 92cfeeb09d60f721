/**
 * The seam between intake and distribution. Intake persists a lead, then (unless noSell, QC hold
 * or sendDelay) asks the Distributor to sell it; protocol adapters render the outcome
 * (LeadExec `Sends`, `ClientInfos`, `RedirectURL`, `Price`). Until a real distributor is wired,
 * `noDistribution` keeps every valid lead accepted and unsold.
 */
export interface SendResult {
  buyerId: number // LeadExec ClientUID
  buyerName: string
  contractId: number // CAKE buyer_contract_id
  /** The event id this buyer received with the lead (LeadConduit feedback uses it). */
  eventId: string
  valid: boolean
  priceCents: number
  redirectUrl: string
  agentName: string
  agentPhone: string
  reason: string
}

export interface DistributionOutcome {
  sold: boolean
  /** What buyers pay in total for this lead. */
  priceCents: number
  /** What the source earns (price less margin); LeadExec `Price` shows this to the source. */
  sourcePriceCents: number
  redirectUrl: string
  sends: SendResult[]
  reason: string
}

export interface PingBid {
  buyerId: number
  contractId: number
  bidCents: number
}

export interface PingOutcome {
  /** OrderID to post with; empty when no buyer bid. */
  orderId: string
  estimatedPriceCents: number
  expiresAt: Date | null
  bids: PingBid[]
}

export interface PingRequest {
  sourceId: number
  leadTypeId: number
  /** The partial lead, normalized, as intake parsed it. */
  fields: Record<string, unknown>
  /** A test ping (docs/distribution.md, "Test leads"): only contracts that take test leads bid. */
  test?: boolean
}

export type OrderCheck = { ok: true } | { ok: false; reason: string }

export interface Distributor {
  /** Sells a stored lead (status accepted) and records sales and events. Never throws for buyer failures. */
  distribute(leadId: number): Promise<DistributionOutcome>
  /** Runs the auction without selling and stores an order holding the bids until it expires. */
  ping(request: PingRequest): Promise<PingOutcome>
  /** Checks and uses (once) a ping order for a post from `sourceId`; the lead then sells at the held bids. */
  useOrder(orderId: string, sourceId: number, leadId: number): Promise<OrderCheck>
}

export const noDistribution: Distributor = {
  async distribute() {
    return {
      sold: false,
      priceCents: 0,
      sourcePriceCents: 0,
      redirectUrl: '',
      sends: [],
      reason: 'no distribution configured',
    }
  },
  async ping() {
    return { orderId: '', estimatedPriceCents: 0, expiresAt: null, bids: [] }
  },
  async useOrder() {
    return { ok: false, reason: 'Ping orders are not available' }
  },
}
