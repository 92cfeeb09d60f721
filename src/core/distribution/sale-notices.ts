import type { JobSpec } from '../ports.js'
import { notificationJob } from '../webhooks/webhook-events.js'
import type { CapSlot } from './cap-windows.js'
import type { SaleRecord } from './distribution-ports.js'

/** The share of a cap at which `cap.warning` is announced (docs/webhooks.md, "Events"). */
export const CAP_WARNING_PERCENT = 80
/** A buyer's credit is low when what is left is at most this share of its limit. */
export const LOW_BALANCE_PERCENT = 10

export interface CapNotice {
  /** The episode's key in alert_marks: one per level, subject and window. */
  mark: string
  job: JobSpec
}

/** How full a window is, in whole percent of the tighter of its count and spend limits. */
export function capPercentUsed(
  slot: CapSlot,
  used: { count: number; spendCents: number },
): {
  percent: number
  measure: 'leads' | 'cents'
  used: number
  limit: number
} {
  const byCount =
    slot.maxCount === null ? -1 : slot.maxCount === 0 ? 100 : Math.floor((used.count * 100) / slot.maxCount)
  const bySpend =
    slot.maxSpendCents === null
      ? -1
      : slot.maxSpendCents === 0
        ? 100
        : Math.floor((used.spendCents * 100) / slot.maxSpendCents)
  return byCount >= bySpend
    ? { percent: byCount, measure: 'leads', used: used.count, limit: slot.maxCount ?? 0 }
    : { percent: bySpend, measure: 'cents', used: used.spendCents, limit: slot.maxSpendCents ?? 0 }
}

/**
 * The cap announcements one sale's slot calls for: `cap.reached` at 100 %, `cap.warning` at 80 %.
 * A contract's cap concerns its buyer, a source's cap its source; the other side never hears of it.
 */
export function capNotice(
  sale: SaleRecord,
  slot: CapSlot,
  used: { count: number; spendCents: number },
  at: Date,
): CapNotice[] {
  const fill = capPercentUsed(slot, used)
  const [kind, id] = slot.subject.split(':') as ['contract' | 'source', string]
  const who =
    kind === 'contract'
      ? {
          contract_id: sale.contract.id,
          contract_name: sale.contract.name,
          buyer_id: sale.contract.buyerId,
          buyer_name: sale.contract.buyerName,
        }
      : { source_id: Number(id) }
  const owners = kind === 'contract' ? { buyerId: sale.contract.buyerId } : { sourceId: Number(id) }
  const levels = [
    { at: 100, type: 'cap.reached' as const },
    { at: CAP_WARNING_PERCENT, type: 'cap.warning' as const },
  ]
  return levels
    .filter((level) => fill.percent >= level.at)
    .map((level) => ({
      mark: `cap:${level.at}:${slot.subject}:${slot.window}`,
      job: notificationJob(
        level.type,
        {
          subject: slot.subject,
          ...who,
          window: slot.window,
          measure: fill.measure,
          used: fill.used,
          limit: fill.limit,
          percent_used: fill.percent,
          lead_id: sale.leadId,
        },
        owners,
        at,
      ),
    }))
}

/**
 * `buyer.balance_low` when the buyer's credit left (limit − balance − in flight) is at most 10 %
 * of its limit; null while it is not low. A prepaid buyer (limit 0) is low once its funds are gone.
 */
export function lowBalanceNotice(
  sale: SaleRecord,
  line: { limitCents: number; balanceCents: number; reservedCents: number },
  at: Date,
): JobSpec | null {
  const available = line.limitCents - line.balanceCents - line.reservedCents
  if (available * 100 > line.limitCents * LOW_BALANCE_PERCENT) return null
  return notificationJob(
    'buyer.balance_low',
    {
      buyer_id: sale.contract.buyerId,
      buyer_name: sale.contract.buyerName,
      limit_cents: line.limitCents,
      balance_cents: line.balanceCents,
      reserved_cents: line.reservedCents,
      available_cents: available,
      lead_id: sale.leadId,
    },
    { buyerId: sale.contract.buyerId },
    at,
  )
}
