import type { Kysely } from 'kysely'
import type { RegistryImportStore } from '../core/suppression/registry-import.js'
import type { Database } from './schema.js'
import { writeAudit } from './write-audit.js'

/** Rows per INSERT: 5,000 × 3 parameters stays under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 5_000

/** The registry import port over Kysely: one transaction per batch, the unique index skipping repeats. */
export function createRegistryImportStore(db: Kysely<Database>): RegistryImportStore {
  return {
    async listKind(listId) {
      const row = await db
        .selectFrom('suppression_lists')
        .select('kind')
        .where('id', '=', listId)
        .executeTakeFirst()
      return row?.kind ?? null
    },
    async insertBatch(listId, values, now) {
      let added = 0
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
          const result = await trx
            .insertInto('suppression_entries')
            .values(
              values
                .slice(i, i + ROWS_PER_STATEMENT)
                .map((value) => ({ list_id: listId, value, created_at: now.toISOString() })),
            )
            .onConflict((oc) => oc.columns(['list_id', 'value']).doNothing())
            .executeTakeFirst()
          added += Number(result.numInsertedOrUpdatedRows ?? 0)
        }
      })
      return added
    },
    async recordImport(listId, summary, change, now) {
      await writeAudit(
        db,
        change,
        { resource: 'suppression_list', resourceId: listId, before: null, after: summary },
        now,
      )
    },
  }
}
