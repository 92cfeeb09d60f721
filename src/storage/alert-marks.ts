import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/**
 * Opens a condition episode (migration 018, `alert_marks`): true only for the one transaction
 * whose insert created the row. Concurrency: the primary key decides — on PostgreSQL a racing
 * insert waits for the first to commit and then does nothing; SQLite has one writer. So exactly
 * one of any number of concurrent sales announces a crossed cap or a low balance.
 */
export async function openAlertMark(trx: Kysely<Database>, key: string, at: string): Promise<boolean> {
  const row = await trx
    .insertInto('alert_marks')
    .values({ key, opened_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst()
  return row !== undefined
}

/** Closes an episode once its condition is gone, so the next crossing announces again. */
export async function closeAlertMark(trx: Kysely<Database>, key: string): Promise<void> {
  await trx.deleteFrom('alert_marks').where('key', '=', key).execute()
}
