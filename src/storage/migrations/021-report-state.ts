import { type Kysely, sql } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'
import { fillReportRollup, rollupTriggerTables } from './010-report-rollup.js'

/**
 * The state dimension of the report rollup reads the lead's state, not the JSON of its parsed field.
 *
 * Migration 010 took the rollup's `geo` from `fields_json`'s `State` member as text, but intake
 * stores each field parsed (`{raw, normal, valid, components}`, core/leads/parsed-value.ts), so a
 * report grouped by state showed the first 40 characters of that object's JSON instead of `NV`.
 * This step recomputes the rollup from the stored rows with the field's normal form (its raw
 * value when it has none; a plain text member as before) and reinstalls the triggers with it.
 * Everything else a rollup row counts is unchanged, so every other report answers the same.
 */
export async function up(db: Kysely<any>, dialect: StorageDialect): Promise<void> {
  for (const [name, table] of rollupTriggerTables()) await dialect.dropRowTrigger(db, name, table)
  await sql`delete from report_rollup`.execute(db)
  await dialect.createFieldText(db)
  const geo = (column: string) =>
    `coalesce(upper(substr(coalesce(${dialect.fieldText(column, 'State')}, ${dialect.fieldText(column, 'state')}), 1, 40)), '')`
  await fillReportRollup(db, dialect, geo)
}
