import type { Kysely } from 'kysely'
import type { CapSlot } from '../core/distribution/cap-windows.js'
import type { Reservation } from '../core/distribution/distribution-ports.js'
import { releaseCredit, reserveCredit } from './reserve-credit.js'
import type { Database } from './schema.js'
import { releaseCapSlot, takeCapSlot } from './take-cap-slot.js'

class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason)
  }
}

/**
 * Takes everything a sale needs before its lead leaves — every cap slot (contract and source) and
 * the buyer's credit — or nothing: one transaction, caps in a fixed order and the credit row last,
 * so two transactions on PostgreSQL never wait on each other's rows in a cycle.
 */
export async function reserveSale(
  db: Kysely<Database>,
  slots: readonly CapSlot[],
  buyerId: number,
  priceCents: number,
): Promise<Reservation> {
  const ordered = [...slots].sort((a, b) =>
    `${a.subject}|${a.window}`.localeCompare(`${b.subject}|${b.window}`),
  )
  try {
    return await db.transaction().execute(async (trx) => {
      for (const slot of ordered)
        if (!(await takeCapSlot(trx, slot, priceCents))) throw new Refused('cap reached')
      const credit = await reserveCredit(trx, buyerId, priceCents)
      if (credit === 'over') throw new Refused('credit limit reached')
      return { ok: true as const, creditHeld: credit === 'held' }
    })
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason }
    throw error
  }
}

/** Gives back what `reserveSale` took (the buyer said no, or the sale could not be recorded). */
export async function releaseSale(
  db: Kysely<Database>,
  slots: readonly CapSlot[],
  buyerId: number,
  creditHeld: boolean,
  priceCents: number,
): Promise<void> {
  for (const slot of slots) await releaseCapSlot(db, slot, priceCents)
  if (creditHeld) await releaseCredit(db, buyerId, priceCents)
}
