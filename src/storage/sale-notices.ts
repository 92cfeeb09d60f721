import type { Kysely } from 'kysely'
import type { SaleRecord } from '../core/distribution/distribution-ports.js'
import { capNotice, lowBalanceNotice } from '../core/distribution/sale-notices.js'
import type { JobSpec } from '../core/ports.js'
import { closeAlertMark, openAlertMark } from './alert-marks.js'
import type { Database } from './schema.js'

/**
 * The announcements a sale's counters call for, read and decided inside the sale's transaction
 * (docs/webhooks.md, "Events"): `cap.warning` at 80 % and `cap.reached` at 100 % of a cap window
 * (count or spend), once per window; `buyer.balance_low` once per episode of low credit.
 */
export async function saleNotices(trx: Kysely<Database>, sale: SaleRecord, now: Date): Promise<JobSpec[]> {
  return [...(await capNotices(trx, sale, now)), ...(await balanceNotices(trx, sale, now))]
}

async function capNotices(trx: Kysely<Database>, sale: SaleRecord, now: Date): Promise<JobSpec[]> {
  const jobs: JobSpec[] = []
  const at = now.toISOString()
  for (const slot of sale.capSlots) {
    if (slot.maxCount === null && slot.maxSpendCents === null) continue
    const counter = await trx
      .selectFrom('cap_counters')
      .select(['count', 'spend_cents'])
      .where('subject', '=', slot.subject)
      .where('window', '=', slot.window)
      .executeTakeFirst()
    if (!counter) continue
    for (const notice of capNotice(
      sale,
      slot,
      { count: Number(counter.count), spendCents: Number(counter.spend_cents) },
      now,
    )) {
      if (await openAlertMark(trx, notice.mark, at)) jobs.push(notice.job)
    }
  }
  return jobs
}

async function balanceNotices(trx: Kysely<Database>, sale: SaleRecord, now: Date): Promise<JobSpec[]> {
  const buyerId = sale.contract.buyerId
  const line = await trx
    .selectFrom('buyer_credit')
    .select(['limit_cents', 'balance_cents', 'reserved_cents'])
    .where('buyer_id', '=', buyerId)
    .executeTakeFirst()
  if (!line || line.limit_cents === null) return []
  const notice = lowBalanceNotice(
    sale,
    {
      limitCents: Number(line.limit_cents),
      balanceCents: Number(line.balance_cents),
      reservedCents: Number(line.reserved_cents),
    },
    now,
  )
  const mark = `balance_low:${buyerId}`
  if (!notice) {
    await closeAlertMark(trx, mark)
    return []
  }
  return (await openAlertMark(trx, mark, now.toISOString())) ? [notice] : []
}
