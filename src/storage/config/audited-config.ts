import type { Kysely } from 'kysely'
import type { AuditChange } from '../../core/accounts/account-stores.js'
import type { AuditContext } from '../../core/accounts/caller.js'
import type { Saved } from '../../core/config/config-records.js'
import type { Database } from '../schema.js'
import { writeAudit } from '../write-audit.js'

type Find<R, K> = (db: Kysely<Database>, key: K) => Promise<R | undefined>

/**
 * The configuration writes of one resource kind, each run in one transaction with its audit row
 * (docs/accounts.md, "Audit log"): before → after as the API shows them, so sealed credentials
 * appear masked and password hashes never. An unchanged save writes no row.
 */
export function auditedConfig<R, K extends string | number>(
  db: Kysely<Database>,
  resource: string,
  keyOf: (record: R) => K,
  find: Find<R, K>,
) {
  const audit = (
    trx: Kysely<Database>,
    change: AuditChange,
    id: K,
    before: R | null,
    after: R | null,
    now: Date,
  ) => writeAudit(trx, change, { resource, resourceId: id, before, after }, now)
  return {
    create: (change: AuditChange, now: Date, insert: (trx: Kysely<Database>) => Promise<R>) =>
      db.transaction().execute(async (trx) => {
        const record = await insert(trx)
        await audit(trx, change, keyOf(record), null, record, now)
        return record
      }),
    save: (
      change: AuditChange,
      now: Date,
      key: K | undefined,
      save: (trx: Kysely<Database>) => Promise<Saved<R>>,
    ) =>
      db.transaction().execute(async (trx) => {
        const before = key === undefined ? undefined : await find(trx, key)
        const saved = await save(trx)
        if (saved.outcome !== 'unchanged')
          await audit(trx, change, keyOf(saved.record), before ?? null, saved.record, now)
        return saved
      }),
    remove: (change: AuditChange, now: Date, key: K, remove: (trx: Kysely<Database>) => Promise<boolean>) =>
      db.transaction().execute(async (trx) => {
        const before = await find(trx, key)
        const removed = await remove(trx)
        if (removed) await audit(trx, change, key, before ?? null, null, now)
        return removed
      }),
  }
}

/** One saved object of `leadflow apply`, audited in the apply's own transaction. */
export async function auditApplied<R>(
  trx: Kysely<Database>,
  audit: AuditContext,
  resource: string,
  id: string | number,
  before: R | undefined,
  saved: Saved<R>,
  now: Date,
): Promise<void> {
  if (saved.outcome === 'unchanged') return
  const action = `${resource}.${saved.outcome === 'created' ? 'create' : 'update'}`
  await writeAudit(
    trx,
    { audit, action },
    { resource, resourceId: id, before: before ?? null, after: saved.record },
    now,
  )
}
