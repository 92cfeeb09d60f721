import type { Insertable, Kysely } from 'kysely'
import { instantEvent } from '../core/events/event-record.js'
import type { IntakeOutcome } from '../core/intake/intake-command.js'
import type {
  DuplicateHit,
  IntakeEventRecord,
  IntakeStore,
  LeadRecord,
  LeadSave,
  LeadUpdateSave,
  OutcomeSave,
  PostDecisionEvent,
  RejectionSave,
  SaveResult,
  SuppressionCandidate,
} from '../core/intake/intake-store.js'
import type { Clock, JobSpec } from '../core/ports.js'
import { claimDuplicateKeys } from './claim-duplicate-keys.js'
import { compiledOnce } from './compiled-once.js'
import { createConfigCache } from './config-cache.js'
import { checkCredential } from './credential-store.js'
import type { StorageDialect } from './dialects/dialect.js'
import { insertEvents } from './event-store.js'
import { findDuplicateLead } from './find-duplicate-lead.js'
import type { GroupCommit } from './group-commit.js'
import {
  toCampaignRecord,
  toLeadRow,
  toLeadTypeRecord,
  toSourceRecord,
  toStoredLead,
} from './intake-records.js'
import { storedEvent, storedOutcome, storedRaw, storedReason } from './intake-terms.js'
import { enqueueJobs } from './job-store.js'
import { createPingRequestStore } from './ping-request-store.js'
import type { Database } from './schema.js'
import { takePostCapSlot } from './take-post-cap-slot.js'

class CapFull extends Error {}

/** Rolls a post back when its duplicate check, made inside the transaction, found an earlier lead. */
class DuplicateFound extends Error {
  constructor(readonly hit: DuplicateHit) {
    super('duplicate')
  }
}

/**
 * Kysely implementation of intake's storage port (src/core/intake/intake-store.ts). The writes
 * of a post (lead, rejection, outcome, queued post) commit through `writes`, which groups
 * concurrent posts into one commit where the dialect allows (src/storage/group-commit.ts).
 */
export function createIntakeStore(storage: StorageDialect, clock: Clock): IntakeStore {
  const { db, writes } = storage
  // Every intake flow starts with findSource or findSourceById, which refresh the cache; the
  // lookups by natural key that follow in the flow (lid, aid, default campaign, suppression
  // lists) read it (src/storage/config-cache.ts).
  const config = createConfigCache(db)
  return {
    async findSource(vid) {
      await config.refresh()
      return config.get(`source:${vid}`, async () => {
        const row = await db.selectFrom('sources').selectAll().where('vid', '=', vid).executeTakeFirst()
        return row && toSourceRecord(row)
      })
    },
    async findSourceById(id) {
      await config.refresh()
      const row = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toSourceRecord(row)
    },
    async tokenOwner(token, now, clientIp) {
      const check = await checkCredential(db, 'source', token, now, clientIp)
      return check.ok ? check.ownerId : null
    },
    findLeadType: (lid) =>
      config.get(`lead-type:${lid}`, async () => {
        const row = await db.selectFrom('lead_types').selectAll().where('lid', '=', lid).executeTakeFirst()
        return row && toLeadTypeRecord(row)
      }),
    async findLeadTypeById(id) {
      const row = await db.selectFrom('lead_types').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toLeadTypeRecord(row)
    },
    findCampaign: (aid) =>
      config.get(`campaign:${aid}`, async () => {
        const row = await db.selectFrom('campaigns').selectAll().where('aid', '=', aid).executeTakeFirst()
        return row && toCampaignRecord(row)
      }),
    async findCampaignById(id) {
      const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toCampaignRecord(row)
    },
    defaultCampaign: (sourceId, leadTypeId) =>
      config.get(`default-campaign:${sourceId}:${leadTypeId}`, async () => {
        const rows = await db
          .selectFrom('campaigns')
          .selectAll()
          .where('source_id', '=', sourceId)
          .where('status', '=', 'active')
          .orderBy('id')
          .execute()
        const row =
          rows.find((r) => r.lead_type_id === leadTypeId) ?? rows.find((r) => r.lead_type_id === null)
        return row && toCampaignRecord(row)
      }),
    findSuppression: (leadTypeId, candidates) => {
      if (candidates.length === 0) return Promise.resolve(undefined)
      const kinds = [...new Set(candidates.map((c) => c.kind))].sort()
      const lists = config.get(`suppression-lists:${leadTypeId}:${kinds.join(',')}`, () =>
        suppressionLists(db, leadTypeId, kinds),
      )
      return lists.then((found) => findSuppression(db, found, candidates))
    },
    findDuplicate: (leadTypeId, sourceId, keys, now) =>
      findDuplicateLead(db, leadTypeId, sourceId, keys, now),
    saveLead: (save) => saveLead(writes, storage, clock, save),
    saveRejection: (rejection) => writes.run((trx) => saveRejection(trx, clock, rejection)),
    rejectLead: (leadId, outcome, jobs) => rejectLead(db, clock, leadId, outcome, jobs),
    saveQueued: (lead, jobs) =>
      writes.run(async (trx) => {
        const leadId = await writeLead(trx, lead)
        await enqueueJobs(trx, jobs(leadId), clock.now())
        return leadId
      }),
    saveOutcome: (leadId, outcome, status, jobs) =>
      writes.run((trx) => recordOutcome(trx, clock, leadId, { outcome, status, jobs })),
    async loadLead(leadId) {
      const row = await db.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirst()
      return row && toStoredLead(row)
    },
    updateLead: (update) => updateLead(db, clock, update),
    ...createPingRequestStore(db, clock),
  }
}

/** The lists (global, or of this lead type) of these kinds. */
function suppressionLists(db: Kysely<Database>, leadTypeId: number, kinds: string[]) {
  return db
    .selectFrom('suppression_lists')
    .select(['id', 'name', 'kind'])
    .where('kind', 'in', kinds)
    .where((eb) => eb.or([eb('lead_type_id', 'is', null), eb('lead_type_id', '=', leadTypeId)]))
    .execute()
}

/** The first of `lists` holding one of the lead's values. */
async function findSuppression(
  db: Kysely<Database>,
  lists: ReadonlyArray<{ id: number; name: string; kind: string }>,
  candidates: SuppressionCandidate[],
) {
  if (lists.length === 0) return undefined
  // One probe of the (list_id, value) unique index per list and value.
  const hits = await db
    .selectFrom('suppression_entries')
    .select(['list_id', 'value'])
    .where(
      'list_id',
      'in',
      lists.map((l) => l.id),
    )
    .where(
      'value',
      'in',
      candidates.map((c) => c.value),
    )
    .execute()
  for (const hit of hits) {
    const list = lists.find((l) => l.id === hit.list_id)!
    const candidate = candidates.find((c) => c.kind === list.kind && c.value === hit.value)
    if (candidate) return { listName: list.name, field: candidate.field }
  }
  return undefined
}

async function writeLead(trx: Kysely<Database>, lead: LeadRecord, existingLeadId?: number): Promise<number> {
  const row = toLeadRow(lead)
  if (existingLeadId !== undefined) {
    const { post_id: _p, received_at: _r, ...changes } = row
    await trx.updateTable('leads').set(changes).where('id', '=', existingLeadId).execute()
    return existingLeadId
  }
  const inserted = (await trx.executeQuery(insertLead(trx, row, true))).rows[0]
  if (!inserted) throw new Error('insert into leads returned no id')
  return inserted.id
}

/**
 * A lead finished on save (noSell, QC hold), written complete: its id is reserved first, so the
 * outcome, which names it, goes into the insert instead of a second statement (`recordOutcome`:
 * 12–17 µs of a sync post, docs/performance.md round 5). The row is what insert then
 * `recordOutcome` left: a new row has no outcome yet, so the first writer is this one.
 */
async function writeFinishedLead(
  trx: Kysely<Database>,
  ids: Pick<StorageDialect, 'reserveLeadId'>,
  clock: Clock,
  lead: LeadRecord,
  finish: (leadId: number) => OutcomeSave,
): Promise<{ leadId: number; jobs: JobSpec[] }> {
  const leadId = await ids.reserveLeadId(trx)
  const { outcome, status, jobs } = finish(leadId)
  await trx.executeQuery(
    insertLead(
      trx,
      {
        id: leadId,
        ...toLeadRow(lead),
        status,
        outcome_json: JSON.stringify(storedOutcome(outcome)),
        processed_at: clock.now().toISOString(),
        redirect_url: outcome.redirectUrl || null,
      },
      false,
    ),
  )
  return { leadId, jobs }
}

/** Compiled once per column list (src/storage/compiled-once.ts): every column of `row` is always set. */
function insertLead<R extends Insertable<Database['leads']>>(
  trx: Kysely<Database>,
  row: R,
  returningId: boolean,
) {
  const columns = Object.keys(row) as Array<keyof R & string>
  return compiledOnce<{ id: number }>(
    trx,
    `insert-lead:${returningId}:${columns.join(',')}`,
    columns.length,
    (db, slots) => {
      const insert = db
        .insertInto('leads')
        .values(Object.fromEntries(columns.map((column, i) => [column, slots[i]])) as R)
      // Without RETURNING the statement yields no rows: its caller already holds the id.
      return returningId ? insert.returning('id') : (insert as never)
    },
    columns.map((column) => row[column] ?? null),
  )
}

const LEAD_KEY_COLUMNS = ['lead_id', 'lead_type_id', 'source_id', 'rule', 'key_hash', 'created_at'] as const

/** A post's duplicate keys in one statement, compiled once per key count (compiled-once.ts). */
async function insertLeadKeys(
  trx: Kysely<Database>,
  leadId: number,
  leadTypeId: number,
  sourceId: number | null,
  keys: LeadSave['keys'],
  at: string,
): Promise<void> {
  const width = LEAD_KEY_COLUMNS.length
  const query = compiledOnce(
    trx,
    `insert-lead-keys:${keys.length}`,
    keys.length * width,
    (db, slots) =>
      db
        .insertInto('lead_keys')
        .values(
          keys.map((_, r) =>
            Object.fromEntries(LEAD_KEY_COLUMNS.map((column, i) => [column, slots[r * width + i]])),
          ) as never,
        ),
    keys.flatMap((k) => [leadId, leadTypeId, sourceId, k.rule, k.keyHash, at]),
  )
  await trx.executeQuery(query)
}

function eventRow(
  leadId: number,
  sourceId: number | null,
  event: IntakeEventRecord | PostDecisionEvent,
  at: Date,
) {
  return instantEvent({ leadId, sourceId, at, ...storedEvent(event) })
}

/**
 * The duplicate decision (under lock), cap slots, lead row, duplicate keys, intake event, jobs and
 * a final outcome: all or nothing, in one transaction.
 */
async function saveLead(
  writes: GroupCommit,
  dialect: Pick<StorageDialect, 'lockKeys' | 'reserveLeadId'>,
  clock: Clock,
  save: LeadSave,
): Promise<SaveResult> {
  try {
    return await writes.run(async (trx) => {
      if (save.lead.leadTypeId !== null) {
        const claim = { leadTypeId: save.lead.leadTypeId, sourceId: save.lead.sourceId, keys: save.keys }
        const hit = await claimDuplicateKeys(trx, dialect, { ...claim, now: clock.now() })
        if (hit) throw new DuplicateFound(hit)
      }
      for (const slot of save.caps) {
        if (!(await takePostCapSlot(trx, slot))) throw new CapFull(slot.window)
      }
      const finished =
        save.outcome && save.existingLeadId === undefined
          ? await writeFinishedLead(trx, dialect, clock, save.lead, save.outcome)
          : undefined
      const leadId = finished?.leadId ?? (await writeLead(trx, save.lead, save.existingLeadId))
      const at = save.lead.receivedAt
      if (save.keys.length > 0 && save.lead.leadTypeId !== null) {
        await insertLeadKeys(trx, leadId, save.lead.leadTypeId, save.lead.sourceId, save.keys, at)
      }
      await insertEvents(trx, [eventRow(leadId, save.lead.sourceId, save.event, clock.now())])
      await enqueueJobs(trx, save.jobs(leadId), clock.now())
      if (finished) await enqueueJobs(trx, finished.jobs, clock.now())
      else if (save.outcome) await recordOutcome(trx, clock, leadId, save.outcome(leadId))
      return { ok: true as const, leadId }
    })
  } catch (error) {
    if (error instanceof DuplicateFound) return { ok: false, duplicate: error.hit }
    if (!(error instanceof CapFull)) throw error
    const overCap = save.caps.find((c) => c.window === error.message)!
    return { ok: false, overCap }
  }
}

async function saveRejection(trx: Kysely<Database>, clock: Clock, r: RejectionSave): Promise<number> {
  const leadId = await writeLead(trx, r.lead, r.existingLeadId)
  const now = clock.now()
  await trx
    .updateTable('leads')
    .set({ outcome_json: JSON.stringify(storedOutcome(r.outcome)), processed_at: now.toISOString() })
    .where('id', '=', leadId)
    .execute()
  await insertEvents(trx, [eventRow(leadId, r.lead.sourceId, r.event, now)])
  await enqueueJobs(trx, r.jobs(leadId), now)
  return leadId
}

async function rejectLead(
  db: Kysely<Database>,
  clock: Clock,
  leadId: number,
  outcome: IntakeOutcome,
  jobs: JobSpec[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = clock.now()
    await trx.deleteFrom('lead_keys').where('lead_id', '=', leadId).execute()
    await trx
      .updateTable('leads')
      .set({
        status: 'rejected',
        response_type: storedReason(outcome.reason),
        rejection_reason: outcome.detail,
        outcome_json: JSON.stringify(storedOutcome(outcome)),
        processed_at: now.toISOString(),
      })
      .where('id', '=', leadId)
      .execute()
    const lead = await trx.selectFrom('leads').select('source_id').where('id', '=', leadId).executeTakeFirst()
    const event = { kind: 'intake', step: 'order', outcome: 'rejected', reason: outcome.detail, data: null }
    await insertEvents(trx, [eventRow(leadId, lead?.source_id ?? null, event, now)])
    await enqueueJobs(trx, jobs, now)
  })
}

/**
 * Records the outcome once, inside the caller's transaction: the update only matches while
 * `outcome_json` is null (distribution sets `processed_at` itself when it finishes), so when a
 * recovery job and a slow synchronous post both finish, the first wins and only it enqueues the
 * callback.
 */
async function recordOutcome(
  trx: Kysely<Database>,
  clock: Clock,
  leadId: number,
  { outcome, status, jobs }: OutcomeSave,
): Promise<boolean> {
  const now = clock.now()
  // Compiled once (compiled-once.ts): every post that is not queued ends here.
  const query = compiledOnce(
    trx,
    'record-outcome',
    5,
    (db, [status, outcomeJson, processedAt, redirectUrl, id]) =>
      db
        .updateTable('leads')
        .set({ status, outcome_json: outcomeJson, processed_at: processedAt, redirect_url: redirectUrl })
        .where('id', '=', id!)
        .where('outcome_json', 'is', null),
    [status, JSON.stringify(storedOutcome(outcome)), now.toISOString(), outcome.redirectUrl || null, leadId],
  )
  const result = await trx.executeQuery(query)
  if (Number(result.numAffectedRows ?? 0) === 0) return false
  await enqueueJobs(trx, jobs, now)
  return true
}

/** Fields, raw command and keys replaced together; a redistribution clears the recorded outcome. */
async function updateLead(db: Kysely<Database>, clock: Clock, u: LeadUpdateSave): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = clock.now()
    const changes: Record<string, unknown> = {
      fields_json: JSON.stringify(u.fields),
      raw_json: JSON.stringify(storedRaw(u.raw)),
    }
    if (u.redistribute) Object.assign(changes, { status: 'accepted', processed_at: null, outcome_json: null })
    await trx.updateTable('leads').set(changes).where('id', '=', u.leadId).execute()
    await trx.deleteFrom('lead_keys').where('lead_id', '=', u.leadId).execute()
    if (u.keys.length > 0) {
      const lead = await trx
        .selectFrom('leads')
        .select('received_at')
        .where('id', '=', u.leadId)
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('lead_keys')
        .values(
          u.keys.map((k) => ({
            lead_id: u.leadId,
            lead_type_id: u.leadTypeId,
            source_id: u.sourceId,
            rule: k.rule,
            key_hash: k.keyHash,
            created_at: lead.received_at,
          })),
        )
        .execute()
    }
    await insertEvents(trx, [eventRow(u.leadId, u.sourceId, u.event, now)])
    await enqueueJobs(trx, u.jobs, now)
  })
}
