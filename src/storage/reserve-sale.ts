import type { CapSlot } from '../core/distribution/cap-windows.js'
import type { Reservation } from '../core/distribution/distribution-ports.js'
import type { GroupCommit } from './group-commit.js'
import { releaseCredit, reserveCredit } from './reserve-credit.js'
import { releaseCapSlot, takeCapSlot } from './take-cap-slot.js'

class Refused extends Error {
  constructor(readonly reason: string) {
    super(reason)
  }
}

/**
 * Takes everything a sale needs before its lead leaves — every cap slot (contract and source) and
 * the buyer's credit — or nothing: one transaction (a unit of `writes`: its own savepoint in a
 * shared SQLite commit, src/storage/group-commit.ts), caps in a fixed order and the credit row
 * last, so two transactions on PostgreSQL never wait on each other's rows in a cycle.
 */
export async function reserveSale(
  writes: GroupCommit,
  slots: readonly CapSlot[],
  buyerId: number,
  priceCents: number,
): Promise<Reservation> {
  const ordered = [...slots].sort((a, b) =>
    `${a.subject}|${a.window}`.localeCompare(`${b.subject}|${b.window}`),
  )
  try {
    return await writes.run(async (trx) => {
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
  writes: GroupCommit,
  slots: readonly CapSlot[],
  buyerId: number,
  creditHeld: boolean,
  priceCents: number,
): Promise<void> {
  if (slots.length === 0 && !creditHeld) return
  await writes.run(async (trx) => {
    for (const slot of slots) await releaseCapSlot(trx, slot, priceCents)
    if (creditHeld) await releaseCredit(trx, buyerId, priceCents)
  })
}
