import type { Kysely } from 'kysely'
import { canonicalJson } from '../../core/config/canonical-json.js'
import type { CampaignRecord } from '../../core/config/config-records.js'
import type { CampaignStore } from '../../core/config/config-stores.js'
import type { CampaignSpec } from '../../core/config/validate-source.js'
import type { Database } from '../schema.js'
import { auditedConfig } from './audited-config.js'
import { conflictAs, differs, inUse, parseJson, type Saved, unknownReference } from './save-outcome.js'

export type { CampaignRecord }

function selectCampaigns(db: Kysely<Database>) {
  return db
    .selectFrom('campaigns as c')
    .innerJoin('sources as s', 's.id', 'c.source_id')
    .leftJoin('lead_types as t', 't.id', 'c.lead_type_id')
    .selectAll('c')
    .select(['s.vid as vid', 't.lid as lid'])
}

type Row = Awaited<ReturnType<ReturnType<typeof selectCampaigns>['executeTakeFirstOrThrow']>>

function toRecord(row: Row): CampaignRecord {
  return {
    id: row.id,
    aid: row.aid,
    vid: row.vid,
    source_id: row.source_id,
    name: row.name,
    lid: row.lid ?? null,
    lead_type_id: row.lead_type_id,
    status: row.status,
    settings: parseJson(row.settings_json, {}),
    created_at: row.created_at,
    updated_at: row.updated_at,
  }
}

export async function listCampaigns(db: Kysely<Database>, vid?: number): Promise<CampaignRecord[]> {
  let query = selectCampaigns(db).orderBy('c.aid')
  if (vid !== undefined) query = query.where('s.vid', '=', vid)
  return (await query.execute()).map(toRecord)
}

export async function findCampaign(db: Kysely<Database>, aid: number): Promise<CampaignRecord | undefined> {
  const row = await selectCampaigns(db).where('c.aid', '=', aid).executeTakeFirst()
  return row && toRecord(row)
}

/** Resolves the spec's natural references (vid, lid) to row ids, or fails naming the field. */
async function references(db: Kysely<Database>, spec: CampaignSpec) {
  const source = await db.selectFrom('sources').select('id').where('vid', '=', spec.vid).executeTakeFirst()
  if (!source) throw unknownReference('vid', `no source with vid ${spec.vid}`)
  if (spec.lid === null) return { source_id: source.id, lead_type_id: null }
  const type = await db.selectFrom('lead_types').select('id').where('lid', '=', spec.lid).executeTakeFirst()
  if (!type) throw unknownReference('lid', `no lead type with lid ${spec.lid}`)
  return { source_id: source.id, lead_type_id: type.id }
}

async function campaignColumns(db: Kysely<Database>, spec: CampaignSpec) {
  return {
    ...(await references(db, spec)),
    name: spec.name,
    status: spec.status,
    settings_json: canonicalJson(spec.settings),
  }
}

/** Inserts a new campaign; the unique index on aid turns a taken (or racing) aid into 409. */
export async function insertCampaign(
  db: Kysely<Database>,
  spec: CampaignSpec,
  now: Date,
): Promise<CampaignRecord> {
  const at = now.toISOString()
  const columns = await campaignColumns(db, spec)
  await conflictAs(`A campaign with aid ${spec.aid} already exists`, () =>
    db
      .insertInto('campaigns')
      .values({ aid: spec.aid, ...columns, created_at: at, updated_at: at })
      .execute(),
  )
  return (await findCampaign(db, spec.aid))!
}

export async function saveCampaign(
  db: Kysely<Database>,
  spec: CampaignSpec,
  now: Date,
): Promise<Saved<CampaignRecord>> {
  const at = now.toISOString()
  const columns = await campaignColumns(db, spec)
  const stored = await db.selectFrom('campaigns').selectAll().where('aid', '=', spec.aid).executeTakeFirst()
  if (!stored) return { outcome: 'created', record: await insertCampaign(db, spec, now) }
  const outcome = await conflictAs(`A campaign with aid ${spec.aid} already exists`, async () => {
    if (!differs(stored, columns)) return 'unchanged' as const
    await db
      .updateTable('campaigns')
      .set({ ...columns, updated_at: at })
      .where('id', '=', stored.id)
      .execute()
    return 'updated' as const
  })
  return { outcome, record: (await findCampaign(db, spec.aid))! }
}

/** Refused while leads point at the campaign; run inside a transaction. */
export async function deleteCampaign(db: Kysely<Database>, aid: number): Promise<boolean> {
  const campaign = await db.selectFrom('campaigns').select('id').where('aid', '=', aid).executeTakeFirst()
  if (!campaign) return false
  const lead = await db
    .selectFrom('leads')
    .select('id')
    .where('campaign_id', '=', campaign.id)
    .limit(1)
    .executeTakeFirst()
  if (lead) throw inUse(`Campaign ${aid}`, 'its leads')
  await db.deleteFrom('campaigns').where('id', '=', campaign.id).execute()
  return true
}

/** The CampaignStore port (core/config/config-stores.ts) over one database. */
export function createCampaignStore(db: Kysely<Database>): CampaignStore {
  const audited = auditedConfig(db, 'campaign', (r: CampaignRecord) => r.aid, findCampaign)
  return {
    list: (vid) => listCampaigns(db, vid),
    find: (aid) => findCampaign(db, aid),
    create: (spec, now, change) => audited.create(change, now, (trx) => insertCampaign(trx, spec, now)),
    save: (spec, now, change) => audited.save(change, now, spec.aid, (trx) => saveCampaign(trx, spec, now)),
    remove: (aid, change, now) => audited.remove(change, now, aid, (trx) => deleteCampaign(trx, aid)),
  }
}
