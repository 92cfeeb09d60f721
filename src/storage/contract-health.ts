import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/**
 * Counts one more consecutive delivery error and pauses the contract when the count reaches
 * `pauseAfter`. The pause is a conditional update (`status = 'active'`), so among concurrent
 * failing deliveries exactly one sees it happen and writes the event. Returns true for that one.
 */
export async function recordDeliveryError(
  db: Kysely<Database>,
  contractId: number,
  pauseAfter: number,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('contracts')
    .set((eb) => ({ consecutive_errors: eb('consecutive_errors', '+', 1) }))
    .where('id', '=', contractId)
    .returning(['consecutive_errors', 'status'])
    .executeTakeFirst()
  if (row?.status !== 'active' || row.consecutive_errors < pauseAfter) return false
  const paused = await db
    .updateTable('contracts')
    .set({ status: 'paused', updated_at: now.toISOString() })
    .where('id', '=', contractId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  return Number(paused.numUpdatedRows) === 1
}

/** Any readable answer (accepted or rejected) means the buyer is up: the error streak ends. */
export async function resetDeliveryErrors(db: Kysely<Database>, contractId: number): Promise<void> {
  await db
    .updateTable('contracts')
    .set({ consecutive_errors: 0 })
    .where('id', '=', contractId)
    .where('consecutive_errors', '>', 0)
    .execute()
}

/** Puts a paused contract back to work with a clean error count; false when it was not paused. */
export async function resumeContract(db: Kysely<Database>, contractId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('contracts')
    .set({ status: 'active', consecutive_errors: 0, updated_at: now.toISOString() })
    .where('id', '=', contractId)
    .where('status', '=', 'paused')
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
