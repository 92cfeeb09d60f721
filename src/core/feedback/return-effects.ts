import { notificationJob } from '../webhooks/webhook-events.js'
import type { LedgerEntry, ReturnEffects, ReturnStatus, SaleContext } from './feedback-store.js'
import { postbackJobs } from './postback-job.js'

export interface EffectContext {
  eventId: string
  reason: string | null
  now: Date
}

/**
 * What a return in `status` does (issue 5, Semantics): credit → the buyer's ledger gets the sale
 * price back and the sale is `credited`; replace → no money moves now, the sale is `replaced` and
 * the buyer is queued for a free replacement lead; both may charge the source back when its
 * settings say so. pending and rejected change nothing but the return row.
 */
export function returnEffects(sale: SaleContext, status: ReturnStatus, ctx: EffectContext): ReturnEffects {
  const approved = status === 'credited' || status === 'replaced'
  const ledger: LedgerEntry[] =
    status === 'credited'
      ? [
          {
            accountKind: 'buyer',
            accountId: sale.buyerId,
            entry: 'credit',
            amountCents: -sale.priceCents,
            memo: `Return credited: ${ctx.reason ?? 'no reason given'}`,
          },
        ]
      : []
  return {
    saleState: status === 'credited' ? 'credited' : status === 'replaced' ? 'replaced' : null,
    ledger,
    replacement: status === 'replaced',
    chargeback: approved ? chargeback(sale) : null,
    jobs: [
      ...postbackJobs(sale, {
        type: 'return',
        status,
        reason: ctx.reason,
        event_id: ctx.eventId,
        occurred_at: ctx.now.toISOString(),
      }),
      notificationJob(
        status === 'pending' ? 'return.requested' : 'return.decided',
        {
          lead_id: sale.leadId,
          sale_id: sale.saleId,
          buyer_id: sale.buyerId,
          contract_id: sale.contractId,
          source_id: sale.sourceId,
          status,
          reason: ctx.reason,
          event_id: ctx.eventId,
        },
        { buyerId: sale.buyerId, sourceId: sale.sourceId },
        ctx.now,
      ),
    ],
  }
}

function chargeback(sale: SaleContext): LedgerEntry | null {
  if (!sale.source.chargebackReturns || sale.sourceId === null || sale.leadCostCents === 0) return null
  return {
    accountKind: 'source',
    accountId: sale.sourceId,
    entry: 'chargeback',
    amountCents: -sale.leadCostCents,
    memo: `Lead ${sale.leadId} returned by every buyer`,
  }
}
