import type { Kysely } from 'kysely'
import type { CapSlot } from '../core/distribution/cap-windows.js'
import type { Database } from './schema.js'

/**
 * Would a sale at `priceCents` fit in every cap slot and the buyer's credit right now? A read
 * only: it takes nothing. An inbound ping asks it before it promises a buyer (an order's
 * `EstimatedPrice`) and an auction before it pings one, so a buyer whose cap, budget or credit is
 * already used up is never offered; the post still reserves for real (reserve-sale.ts), because
 * between the ping and the post other sales may fill what was free. Same limits as takeCapSlot
 * and reserveCredit, read with two indexed lookups (cap_counters by its key, buyer_credit by id).
 */
export async function saleRoomProblem(
  db: Kysely<Database>,
  slots: readonly CapSlot[],
  buyerId: number,
  priceCents: number,
): Promise<string | null> {
  const limited = slots.filter((s) => s.maxCount !== null || s.maxSpendCents !== null)
  if (limited.some((s) => !fits(s, 0, 0, priceCents))) return 'cap reached'
  if (limited.length > 0) {
    const rows = await db
      .selectFrom('cap_counters')
      .select(['subject', 'window', 'count', 'spend_cents'])
      .where(
        'subject',
        'in',
        limited.map((s) => s.subject),
      )
      .where(
        'window',
        'in',
        limited.map((s) => s.window),
      )
      .execute()
    for (const slot of limited) {
      const row = rows.find((r) => r.subject === slot.subject && r.window === slot.window)
      if (row && !fits(slot, Number(row.count), Number(row.spend_cents), priceCents)) return 'cap reached'
    }
  }
  const credit = await db
    .selectFrom('buyer_credit')
    .select(['limit_cents', 'balance_cents', 'reserved_cents'])
    .where('buyer_id', '=', buyerId)
    .executeTakeFirst()
  if (credit && credit.limit_cents !== null) {
    const exposure = Number(credit.balance_cents) + Number(credit.reserved_cents) + priceCents
    if (exposure > Number(credit.limit_cents)) return 'credit limit reached'
  }
  return null
}

function fits(slot: CapSlot, count: number, spendCents: number, priceCents: number): boolean {
  if (slot.maxCount !== null && count >= slot.maxCount) return false
  return slot.maxSpendCents === null || spendCents + priceCents <= slot.maxSpendCents
}
