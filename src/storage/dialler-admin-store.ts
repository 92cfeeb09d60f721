import type { Kysely } from 'kysely'
import type { CallStatus, DiallerCampaign, QueuedCall } from '../core/dialler/call-queue-store.js'
import type { CampaignSettings } from '../core/dialler/campaign-settings.js'
import { toDiallerCampaign, toQueuedCall } from './call-row.js'
import type { Database } from './schema.js'

/** Operator-side reads and writes of the call queue (native API, docs/dialler.md). */
export interface NewDiallerCampaign {
  type: string
  subtype: string
  name: string
  settings: CampaignSettings
}

export async function listDiallerCampaigns(db: Kysely<Database>): Promise<DiallerCampaign[]> {
  const rows = await db.selectFrom('dialler_campaigns').selectAll().orderBy('id').execute()
  return rows.map(toDiallerCampaign)
}

/** Undefined when the type + subtype pair exists already (unique index dialler_campaigns_type). */
export async function createDiallerCampaign(
  db: Kysely<Database>,
  c: NewDiallerCampaign,
  now: Date,
): Promise<DiallerCampaign | undefined> {
  const row = await db
    .insertInto('dialler_campaigns')
    .values({
      type: c.type,
      subtype: c.subtype,
      name: c.name,
      settings_json: JSON.stringify(c.settings),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['type', 'subtype']).doNothing())
    .returningAll()
    .executeTakeFirst()
  return row && toDiallerCampaign(row)
}

export async function updateDiallerCampaign(
  db: Kysely<Database>,
  id: number,
  change: { name?: string; settings?: CampaignSettings },
): Promise<DiallerCampaign | undefined> {
  const set = {
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.settings !== undefined ? { settings_json: JSON.stringify(change.settings) } : {}),
  }
  if (Object.keys(set).length === 0) {
    const row = await db.selectFrom('dialler_campaigns').selectAll().where('id', '=', id).executeTakeFirst()
    return row && toDiallerCampaign(row)
  }
  const row = await db
    .updateTable('dialler_campaigns')
    .set(set)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  return row && toDiallerCampaign(row)
}

export interface CallFilter {
  campaignId?: number
  status?: CallStatus
  /** E.164 contact key. */
  contact?: string
  dueBefore?: string
  limit: number
  offset: number
}

/** The queue in due order; the calls_due index serves campaign + status filters. */
export async function listCalls(db: Kysely<Database>, f: CallFilter): Promise<QueuedCall[]> {
  let q = db.selectFrom('calls').selectAll()
  if (f.campaignId !== undefined) q = q.where('campaign_id', '=', f.campaignId)
  if (f.status !== undefined) q = q.where('status', '=', f.status)
  if (f.contact !== undefined) q = q.where('contact_key', '=', f.contact)
  if (f.dueBefore !== undefined) q = q.where('due_at', '<=', f.dueBefore)
  const rows = await q.orderBy('due_at').orderBy('id').limit(f.limit).offset(f.offset).execute()
  return rows.map(toQueuedCall)
}
