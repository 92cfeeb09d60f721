import { randomBytes, randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { CallQueueStore, NewCall } from '../core/dialler/call-queue-store.js'
import { toDiallerCampaign, toQueuedCall } from './call-row.js'
import type { StorageDialect } from './dialects/dialect.js'
import type { Database } from './schema.js'
import { takeNextCall } from './take-next-call.js'

const LIVE = ['scheduled', 'in_progress']
const PROCESSED = ['in_progress', 'done']

/**
 * The call queue over Kysely (port: src/core/dialler/call-queue-store.ts). Pass a transaction as
 * `db` to make every method, and `inTransaction`, part of the caller's transaction.
 */
export function createCallQueueStore(
  dialect: StorageDialect,
  db: Kysely<Database> = dialect.db,
): CallQueueStore {
  const store: CallQueueStore = {
    inTransaction(work) {
      if (db.isTransaction) return work(store)
      return db.transaction().execute((trx) => work(createCallQueueStore(dialect, trx)))
    },

    async findCampaign(type, subtype) {
      const row = await db
        .selectFrom('dialler_campaigns')
        .selectAll()
        .where('type', '=', type)
        .where('subtype', '=', subtype)
        .executeTakeFirst()
      return row && toDiallerCampaign(row)
    },

    async findCampaignsOfType(type) {
      const rows = await db
        .selectFrom('dialler_campaigns')
        .selectAll()
        .where('type', '=', type)
        .orderBy('id')
        .execute()
      return rows.map(toDiallerCampaign)
    },

    async getCampaign(id) {
      const row = await db.selectFrom('dialler_campaigns').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toDiallerCampaign(row)
    },

    async saveSubmittedLead(lead, now) {
      const at = now.toISOString()
      const row = await db
        .insertInto('leads')
        .values({
          post_id: randomUUID(),
          status: 'received',
          mode: 'dialler',
          raw_json: JSON.stringify(lead.raw ?? {}),
          fields_json: JSON.stringify(lead.fields),
          price_cents: 0,
          cost_cents: 0,
          no_sell: 0,
          pending_qc: 0,
          qc_rejected: 0,
          is_test: 0,
          received_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    },

    async markSubmittedLead(leadId, processed, reason, now) {
      await db
        .updateTable('leads')
        .set({
          status: processed ? 'accepted' : 'rejected',
          rejection_reason: reason,
          processed_at: now.toISOString(),
        })
        .where('id', '=', leadId)
        .execute()
    },

    async insertContact(campaignId, contactKey, now) {
      const row = await db
        .insertInto('dialler_contacts')
        .values({ campaign_id: campaignId, contact_key: contactKey, created_at: now.toISOString() })
        .onConflict((oc) => oc.columns(['campaign_id', 'contact_key']).doNothing())
        .returning('id')
        .executeTakeFirst()
      return row !== undefined
    },

    insertCall: (call, now) => insertCall(db, call, now),

    async hasLiveCall(campaignId, contactKey) {
      const row = await db
        .selectFrom('calls')
        .select('id')
        .where('campaign_id', '=', campaignId)
        .where('contact_key', '=', contactKey)
        .where('status', 'in', LIVE)
        .executeTakeFirst()
      return row !== undefined
    },

    async cancelScheduledCalls(campaignIds, contactKey, now) {
      const result = await db
        .updateTable('calls')
        .set({ status: 'cancelled', updated_at: now.toISOString() })
        .where('campaign_id', 'in', campaignIds)
        .where('contact_key', '=', contactKey)
        .where('status', '=', 'scheduled')
        .executeTakeFirst()
      return Number(result.numUpdatedRows)
    },

    async deleteContacts(campaignIds, contactKey) {
      await db
        .deleteFrom('dialler_contacts')
        .where('campaign_id', 'in', campaignIds)
        .where('contact_key', '=', contactKey)
        .execute()
    },

    async hasProcessedCall(campaignIds, contactKey) {
      const row = await db
        .selectFrom('calls')
        .select('id')
        .where('campaign_id', 'in', campaignIds)
        .where('contact_key', '=', contactKey)
        .where('status', 'in', PROCESSED)
        .executeTakeFirst()
      return row !== undefined
    },

    async takeNextCall(campaign, diallerId, now) {
      const row = await takeNextCall({ ...dialect, db }, campaign, diallerId, now)
      return row && toQueuedCall(row)
    },

    async getCall(id) {
      const row = await db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toQueuedCall(row)
    },

    async finishCall(id, next, now) {
      const row = await db
        .updateTable('calls')
        .set((eb) => ({
          status: next.status,
          ...(next.dueAt ? { due_at: next.dueAt.toISOString() } : {}),
          ...(next.result !== null ? { last_result: next.result } : {}),
          attempts: eb('attempts', '+', next.attemptsDelta),
          claimed_by: null,
          claimed_at: null,
          updated_at: now.toISOString(),
        }))
        .where('id', '=', id)
        .where('status', '=', 'in_progress')
        .returningAll()
        .executeTakeFirst()
      return row && toQueuedCall(row)
    },

    async recordEvent(event, now) {
      const at = now.toISOString()
      await db
        .insertInto('events')
        .values({
          id: randomBytes(12).toString('hex'),
          lead_id: event.leadId,
          kind: 'dialler',
          step: event.step,
          outcome: event.outcome,
          reason: event.reason,
          started_at: at,
          finished_at: at,
          duration_ms: 0,
          data_json: event.data === undefined ? null : JSON.stringify(event.data),
        })
        .execute()
    },
  }
  return store
}

/**
 * Inserts a scheduled call unless the contact already has a live one in the campaign.
 *
 * Concurrency: "one scheduled call per contact and campaign" is the partial unique index
 * calls_one_live_per_contact (migration 002). ON CONFLICT … WHERE <the index predicate> DO NOTHING
 * names that index as the arbiter on both databases, so a second concurrent insert waits for the
 * first to commit and then inserts nothing — no error, and on PostgreSQL no aborted transaction,
 * which catching a unique violation would leave behind. The predicate is inlined SQL (not bound
 * parameters) because PostgreSQL must prove it matches the index's at plan time.
 */
export async function insertCall(
  db: Kysely<Database>,
  call: NewCall,
  now: Date,
): Promise<number | undefined> {
  const at = now.toISOString()
  const row = await db
    .insertInto('calls')
    .values({
      campaign_id: call.campaignId,
      contact_key: call.contactKey,
      lead_id: call.leadId,
      status: 'scheduled',
      email: call.email,
      first_name: call.firstName,
      surname: call.surname,
      mobile: call.mobile,
      other_phone: call.otherPhone,
      data_json: call.data === null ? null : JSON.stringify(call.data),
      due_at: call.dueAt.toISOString(),
      attempts: 0,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['campaign_id', 'contact_key'])
        .where(sql<boolean>`status in ('scheduled', 'in_progress')`)
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst()
  return row?.id
}
