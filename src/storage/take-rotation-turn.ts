import type { Kysely } from 'kysely'
import type { RotationCandidate } from '../core/distribution/distribution-ports.js'
import { nextTurn } from '../core/distribution/rotation.js'
import type { Database } from './schema.js'

/**
 * Takes the next turn of rotation `group` among `candidates`, in ONE transaction:
 *
 *   INSERT INTO rotation_groups (group_key, turns) VALUES (?, 1)
 *     ON CONFLICT (group_key) DO UPDATE SET turns = turns + 1        -- locks the rotation
 *   SELECT contract_id, served FROM rotation_turns WHERE group_key = ? AND contract_id IN (…)
 *   -- nextTurn() picks whose turn it is
 *   INSERT INTO rotation_turns … ON CONFLICT DO UPDATE SET served = served + 1
 *
 * Concurrency: on PostgreSQL the upsert takes the group row's lock until commit, so takers of
 * one rotation queue there; under READ COMMITTED each SELECT that follows sees every turn
 * committed before it, so no two transactions pick from the same counts. SQLite has one writer.
 * Measured by test/storage/rotation-turns.test.ts: 60 turns taken at once over two PostgreSQL
 * connection pools come out exactly 20/20/20 (without the group row's lock: 21/20/19), and by
 * test/distribution/rotations.test.ts: 30 leads over 3 round-robin contracts, distributed
 * concurrently by two app instances on one database, sell exactly 10 each.
 */
export async function takeRotationTurn(
  db: Kysely<Database>,
  group: string,
  candidates: readonly RotationCandidate[],
): Promise<number | null> {
  if (!candidates.some((c) => c.weight > 0)) return null
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto('rotation_groups')
      .values({ group_key: group, turns: 1 })
      .onConflict((oc) =>
        oc.column('group_key').doUpdateSet((eb) => ({ turns: eb(eb.ref('rotation_groups.turns'), '+', 1) })),
      )
      .execute()
    const rows = await trx
      .selectFrom('rotation_turns')
      .select(['contract_id', 'served'])
      .where('group_key', '=', group)
      .where(
        'contract_id',
        'in',
        candidates.map((c) => c.contractId),
      )
      .execute()
    const chosen = nextTurn(candidates, new Map(rows.map((r) => [r.contract_id, Number(r.served)])))
    if (chosen === null) return null
    await trx
      .insertInto('rotation_turns')
      .values({ group_key: group, contract_id: chosen, served: 1 })
      .onConflict((oc) =>
        oc
          .columns(['group_key', 'contract_id'])
          .doUpdateSet((eb) => ({ served: eb(eb.ref('rotation_turns.served'), '+', 1) })),
      )
      .execute()
    return chosen
  })
}

/** Gives a turn back (the buyer said no or could not take the lead): its count goes down by one. */
export async function returnRotationTurn(
  db: Kysely<Database>,
  group: string,
  contractId: number,
): Promise<void> {
  await db
    .updateTable('rotation_turns')
    .set((eb) => ({ served: eb('served', '-', 1) }))
    .where('group_key', '=', group)
    .where('contract_id', '=', contractId)
    .where('served', '>', 0)
    .execute()
}
