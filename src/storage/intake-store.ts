import type { Kysely } from 'kysely'
import { instantEvent } from '../core/events/event-record.js'
import type { IntakeOutcome } from '../core/intake/intake-command.js'
import type {
  IntakeEventRecord,
  IntakeStore,
  LeadRecord,
  LeadSave,
  LeadUpdateSave,
  RejectionSave,
  SaveResult,
  SuppressionCandidate,
} from '../core/intake/intake-store.js'
import type { Clock, JobSpec } from '../core/ports.js'
import { checkCredential } from './credential-store.js'
import { insertEvents } from './event-store.js'
import { findDuplicateLead } from './find-duplicate-lead.js'
import {
  toCampaignRecord,
  toLeadRow,
  toLeadTypeRecord,
  toSourceRecord,
  toStoredLead,
} from './intake-records.js'
import { enqueueJobs } from './job-store.js'
import { createPingRequestStore } from './ping-request-store.js'
import type { Database } from './schema.js'
import { takePostCapSlot } from './take-post-cap-slot.js'

class CapFull extends Error {}

/** Kysely implementation of intake's storage port (src/core/intake/intake-store.ts). */
export function createIntakeStore(db: Kysely<Database>, clock: Clock): IntakeStore {
  return {
    async findSource(vid) {
      const row = await db.selectFrom('sources').selectAll().where('vid', '=', vid).executeTakeFirst()
      return row && toSourceRecord(row)
    },
    async findSourceById(id) {
      const row = await db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toSourceRecord(row)
    },
    async tokenOwner(token, now) {
      const check = await checkCredential(db, 'source', token, now)
      return check.ok ? check.ownerId : null
    },
    async findLeadType(lid) {
      const row = await db.selectFrom('lead_types').selectAll().where('lid', '=', lid).executeTakeFirst()
      return row && toLeadTypeRecord(row)
    },
    async findLeadTypeById(id) {
      const row = await db.selectFrom('lead_types').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toLeadTypeRecord(row)
    },
    async findCampaign(aid) {
      const row = await db.selectFrom('campaigns').selectAll().where('aid', '=', aid).executeTakeFirst()
      return row && toCampaignRecord(row)
    },
    async findCampaignById(id) {
      const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toCampaignRecord(row)
    },
    async defaultCampaign(sourceId, leadTypeId) {
      const rows = await db
        .selectFrom('campaigns')
        .selectAll()
        .where('source_id', '=', sourceId)
        .where('status', '=', 'active')
        .orderBy('id')
        .execute()
      const row = rows.find((r) => r.lead_type_id === leadTypeId) ?? rows.find((r) => r.lead_type_id === null)
      return row && toCampaignRecord(row)
    },
    findSuppression: (leadTypeId, candidates) => findSuppression(db, leadTypeId, candidates),
    findDuplicate: (leadTypeId, sourceId, keys, now) =>
      findDuplicateLead(db, leadTypeId, sourceId, keys, now),
    saveLead: (save) => saveLead(db, clock, save),
    saveRejection: (rejection) => saveRejection(db, clock, rejection),
    rejectLead: (leadId, outcome, jobs) => rejectLead(db, clock, leadId, outcome, jobs),
    saveQueued: (lead, jobs) =>
      db.transaction().execute(async (trx) => {
        const leadId = await writeLead(trx, lead)
        await enqueueJobs(trx, jobs(leadId), clock.now())
        return leadId
      }),
    saveOutcome: (leadId, outcome, status, jobs) => saveOutcome(db, clock, leadId, outcome, status, jobs),
    async loadLead(leadId) {
      const row = await db.selectFrom('leads').selectAll().where('id', '=', leadId).executeTakeFirst()
      return row && toStoredLead(row)
    },
    updateLead: (update) => updateLead(db, clock, update),
    ...createPingRequestStore(db, clock),
  }
}

/** The first list (global, or of this lead type) holding one of the lead's values. */
async function findSuppression(db: Kysely<Database>, leadTypeId: number, candidates: SuppressionCandidate[]) {
  if (candidates.length === 0) return undefined
  const lists = await db
    .selectFrom('suppression_lists')
    .select(['id', 'name', 'kind'])
    .where('kind', 'in', [...new Set(candidates.map((c) => c.kind))])
    .where((eb) => eb.or([eb('lead_type_id', 'is', null), eb('lead_type_id', '=', leadTypeId)]))
    .execute()
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
  const inserted = await trx.insertInto('leads').values(row).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

function eventRow(leadId: number, sourceId: number | null, event: IntakeEventRecord, at: Date) {
  return instantEvent({ leadId, sourceId, at, ...event })
}

/** Cap slots, lead row, duplicate keys, intake event and jobs: all or nothing. */
async function saveLead(db: Kysely<Database>, clock: Clock, save: LeadSave): Promise<SaveResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      for (const slot of save.caps) {
        if (!(await takePostCapSlot(trx, slot))) throw new CapFull(slot.window)
      }
      const leadId = await writeLead(trx, save.lead, save.existingLeadId)
      const at = save.lead.receivedAt
      if (save.keys.length > 0 && save.lead.leadTypeId !== null) {
        await trx
          .insertInto('lead_keys')
          .values(
            save.keys.map((k) => ({
              lead_id: leadId,
              lead_type_id: save.lead.leadTypeId!,
              source_id: save.lead.sourceId,
              rule: k.rule,
              key_hash: k.keyHash,
              created_at: at,
            })),
          )
          .execute()
      }
      await insertEvents(trx, [eventRow(leadId, save.lead.sourceId, save.event, clock.now())])
      await enqueueJobs(trx, save.jobs(leadId), clock.now())
      return { ok: true as const, leadId }
    })
  } catch (error) {
    if (!(error instanceof CapFull)) throw error
    const overCap = save.caps.find((c) => c.window === error.message)!
    return { ok: false, overCap }
  }
}

async function saveRejection(db: Kysely<Database>, clock: Clock, r: RejectionSave): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const leadId = await writeLead(trx, r.lead, r.existingLeadId)
    const now = clock.now()
    await trx
      .updateTable('leads')
      .set({ outcome_json: JSON.stringify(r.outcome), processed_at: now.toISOString() })
      .where('id', '=', leadId)
      .execute()
    await insertEvents(trx, [eventRow(leadId, r.lead.sourceId, r.event, now)])
    await enqueueJobs(trx, r.jobs(leadId), now)
    return leadId
  })
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
        response_type: outcome.responseType,
        rejection_reason: outcome.detail,
        outcome_json: JSON.stringify(outcome),
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
 * Records the outcome once: the update only matches while `outcome_json` is null (distribution
 * sets `processed_at` itself when it finishes), so when a recovery job and a slow synchronous
 * post both finish, the first wins and only it enqueues the callback.
 */
async function saveOutcome(
  db: Kysely<Database>,
  clock: Clock,
  leadId: number,
  outcome: IntakeOutcome,
  status: string,
  jobs: JobSpec[],
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const now = clock.now()
    const result = await trx
      .updateTable('leads')
      .set({
        status,
        outcome_json: JSON.stringify(outcome),
        processed_at: now.toISOString(),
        redirect_url: outcome.redirectUrl || null,
      })
      .where('id', '=', leadId)
      .where('outcome_json', 'is', null)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) === 0) return false
    await enqueueJobs(trx, jobs, now)
    return true
  })
}

/** Fields, raw command and keys replaced together; a redistribution clears the recorded outcome. */
async function updateLead(db: Kysely<Database>, clock: Clock, u: LeadUpdateSave): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = clock.now()
    const changes: Record<string, unknown> = {
      fields_json: JSON.stringify(u.fields),
      raw_json: JSON.stringify(u.raw),
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
