import type { AuditContext } from '../accounts/caller.js'
import type { ContractSwitches } from '../distribution/resume-contract.js'
import { LeadflowError } from '../errors.js'
import { type FeedbackDeps, type FeedbackOutcome, submitBuyerFeedback } from '../feedback/buyer-feedback.js'
import type { CreditLimits, CreditLine } from '../money/credit-limits.js'
import type { Statement, Statements } from '../money/statements.js'
import type { BoughtLead, BuyerContract, BuyerConversion, Page, PortalStore } from './portal-store.js'

export interface BuyerPortalDeps {
  store: PortalStore
  feedback: FeedbackDeps
  statements: Statements
  credit: CreditLimits
  contracts: ContractSwitches
}

export interface BuyerPortal {
  leads(buyerId: number, limit: number, before: number | null): Promise<Page<BoughtLead>>
  lead(buyerId: number, leadId: number): Promise<BoughtLead>
  /** Every bought lead, newest first, a page at a time (the CSV export), and the field columns. */
  exportLeads(buyerId: number): Promise<{ fields: string[]; batches: AsyncIterable<BoughtLead[]> }>
  /** A return or a conversion: the LeadConduit /feedback use-case, with its rules and answers. */
  feedback(
    buyerId: number,
    leadId: number,
    type: 'return' | 'conversion',
    reason: string,
  ): Promise<FeedbackOutcome>
  conversions(buyerId: number, limit: number): Promise<BuyerConversion[]>
  statement(buyerId: number, period: string): Promise<Statement>
  balance(buyerId: number): Promise<CreditLine>
  contracts(buyerId: number): Promise<{ can_pause: boolean; items: BuyerContract[] }>
  /** Pause (`off`) or resume (`active`) one of its contracts, where the operator allows it. */
  switchContract(
    buyerId: number,
    contractId: number,
    to: 'active' | 'off',
    audit: AuditContext,
  ): Promise<BuyerContract>
}

const EXPORT_PAGE = 500

/** The buyer portal (docs/portals.md): every use-case takes the caller's own buyer id. */
export function createBuyerPortal(deps: BuyerPortalDeps): BuyerPortal {
  const { store } = deps
  const ownContract = async (buyerId: number, contractId: number) => {
    const contract = (await store.buyerContracts(buyerId)).find((c) => c.id === contractId)
    if (!contract) throw new LeadflowError('LF_NOT_FOUND', `Contract ${contractId} does not exist`)
    return contract
  }
  const ownLead = async (buyerId: number, leadId: number) => {
    const sale = await store.boughtLead(buyerId, leadId)
    if (!sale) throw new LeadflowError('LF_NOT_FOUND', `Lead ${leadId} was not sold to you`)
    return sale
  }
  return {
    leads: (buyerId, limit, before) => store.boughtLeads(buyerId, limit, before),
    lead: ownLead,
    async exportLeads(buyerId) {
      async function* batches() {
        let before: number | null = null
        do {
          const page: Page<BoughtLead> = await store.boughtLeads(buyerId, EXPORT_PAGE, before)
          yield page.items
          before = page.next_before
        } while (before !== null)
      }
      return { fields: await store.buyerFieldNames(buyerId), batches: batches() }
    },
    async feedback(buyerId, leadId, type, reason) {
      const sale = await ownLead(buyerId, leadId)
      return submitBuyerFeedback(deps.feedback, {
        eventId: sale.event_id,
        type,
        reason,
        buyerId,
        channel: 'portal',
      })
    },
    conversions: (buyerId, limit) => store.conversions(buyerId, limit),
    statement: (buyerId, period) => deps.statements.statement('buyer', buyerId, period),
    balance: (buyerId) => deps.credit.get(buyerId),
    async contracts(buyerId) {
      return { can_pause: await store.buyerCanPause(buyerId), items: await store.buyerContracts(buyerId) }
    },
    async switchContract(buyerId, contractId, to, audit) {
      await ownContract(buyerId, contractId)
      if (!(await store.buyerCanPause(buyerId)))
        throw new LeadflowError(
          'LF_FORBIDDEN',
          'Your operator has not allowed pausing contracts from the portal',
        )
      const result = await deps.contracts.switchTo(contractId, to, audit)
      if (!result.found) throw new LeadflowError('LF_NOT_FOUND', `Contract ${contractId} does not exist`)
      return ownContract(buyerId, contractId)
    },
  }
}
