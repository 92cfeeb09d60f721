import type { Kysely } from 'kysely'
import type { AuditChange } from '../core/accounts/account-stores.js'
import type {
  ContractSwitchStore,
  ResumeResult,
  SwitchedStatus,
  SwitchResult,
} from '../core/distribution/resume-contract.js'
import type { EventRecord } from '../core/events/event-record.js'
import type { JobSpec } from '../core/ports.js'
import { compiledOnce } from './compiled-once.js'
import { insertEvents } from './event-store.js'
import { enqueueJobs } from './job-store.js'
import type { Database } from './schema.js'
import { writeAudit } from './write-audit.js'

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
  onPause: readonly JobSpec[] = [],
): Promise<boolean> {
  const row = await db
    .updateTable('contracts')
    .set((eb) => ({ consecutive_errors: eb('consecutive_errors', '+', 1) }))
    .where('id', '=', contractId)
    .returning(['consecutive_errors', 'status'])
    .executeTakeFirst()
  if (row?.status !== 'active' || row.consecutive_errors < pauseAfter) return false
  // The pause and its announcement (contract.paused webhooks and alerts) commit together.
  return db.transaction().execute(async (trx) => {
    const paused = await trx
      .updateTable('contracts')
      .set({ status: 'paused', updated_at: now.toISOString() })
      .where('id', '=', contractId)
      .where('status', '=', 'active')
      .executeTakeFirst()
    if (Number(paused.numUpdatedRows) !== 1) return false
    await enqueueJobs(trx, onPause, now)
    return true
  })
}

/** Any readable answer (accepted or rejected) means the buyer is up: the error streak ends. */
export async function resetDeliveryErrors(db: Kysely<Database>, contractId: number): Promise<void> {
  // Compiled once (src/storage/compiled-once.ts): it runs after every answer of every buyer.
  const query = compiledOnce(
    db,
    'reset-delivery-errors',
    1,
    (db, [id]) =>
      db
        .updateTable('contracts')
        .set({ consecutive_errors: 0 })
        .where('id', '=', id!)
        .where('consecutive_errors', '>', 0),
    [contractId],
  )
  await db.executeQuery(query)
}

/**
 * Puts a paused contract back to work with a clean error count and writes its event, in one
 * transaction (the event never exists without the switch, nor the switch without it). The update
 * is conditional on `status = 'paused'`, so of two concurrent resumes one wins.
 */
export async function resumeContract(
  db: Kysely<Database>,
  contractId: number,
  event: EventRecord,
  change: AuditChange,
  now: Date,
): Promise<ResumeResult> {
  return db.transaction().execute(async (trx) => {
    const prior = await trx
      .selectFrom('contracts')
      .select('consecutive_errors')
      .where('id', '=', contractId)
      .where('status', '=', 'paused')
      .executeTakeFirst()
    const result = await trx
      .updateTable('contracts')
      .set({ status: 'active', consecutive_errors: 0, updated_at: now.toISOString() })
      .where('id', '=', contractId)
      .where('status', '=', 'paused')
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 1) {
      await insertEvents(trx, [event])
      const before = { status: 'paused', consecutive_errors: Number(prior?.consecutive_errors ?? 0) }
      const after = { status: 'active', consecutive_errors: 0 }
      await writeAudit(trx, change, { resource: 'contract', resourceId: contractId, before, after }, now)
      return { ok: true as const }
    }
    const row = await trx
      .selectFrom('contracts')
      .select('status')
      .where('id', '=', contractId)
      .executeTakeFirst()
    return { ok: false as const, status: row?.status ?? null }
  })
}

/**
 * An operator's on/off switch. One transaction reads the status, changes it (switching on also
 * clears the error count, like a resume) and writes the event and the audit row; a second switch
 * to the same state finds nothing to do and writes nothing.
 */
export async function setContractStatus(
  db: Kysely<Database>,
  contractId: number,
  status: SwitchedStatus,
  event: EventRecord,
  change: AuditChange,
  now: Date,
): Promise<SwitchResult> {
  return db.transaction().execute(async (trx) => {
    const prior = await trx
      .selectFrom('contracts')
      .select(['status', 'consecutive_errors'])
      .where('id', '=', contractId)
      .executeTakeFirst()
    if (!prior) return { found: false as const }
    if (prior.status === status) return { found: true as const, before: prior.status, changed: false }
    const errors = status === 'active' ? 0 : Number(prior.consecutive_errors)
    await trx
      .updateTable('contracts')
      .set({ status, consecutive_errors: errors, updated_at: now.toISOString() })
      .where('id', '=', contractId)
      .where('status', '=', prior.status)
      .execute()
    await insertEvents(trx, [event])
    const before = { status: prior.status, consecutive_errors: Number(prior.consecutive_errors) }
    const after = { status, consecutive_errors: errors }
    await writeAudit(trx, change, { resource: 'contract', resourceId: contractId, before, after }, now)
    return { found: true as const, before: prior.status, changed: true }
  })
}

export function createContractSwitchStore(db: Kysely<Database>): ContractSwitchStore {
  return {
    resume: (contractId, event, change, now) => resumeContract(db, contractId, event, change, now),
    setStatus: (contractId, status, event, change, now) =>
      setContractStatus(db, contractId, status, event, change, now),
  }
}
