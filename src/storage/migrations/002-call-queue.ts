import { type Kysely, sql } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/**
 * The dialler call queue's rules that must hold across concurrent requests and nodes
 * (DESIGN.md, Storage): "one scheduled call per contact and campaign" is this partial unique index,
 * so two simultaneous /lead/add requests for one mobile cannot both schedule a call (Comunik8
 * Leads API, Fail States: "Another call is already scheduled"). Finished and cancelled calls stay
 * as history and do not count.
 */
export async function up(db: Kysely<any>, _dialect: StorageDialect): Promise<void> {
  await db.schema
    .createIndex('calls_one_live_per_contact')
    .on('calls')
    .columns(['campaign_id', 'contact_key'])
    .unique()
    .where(sql.ref('status'), 'in', ['scheduled', 'in_progress'])
    .execute()
  // Cancel and "already processed" look calls up by contact across a type's campaigns.
  await db.schema.createIndex('calls_contact').on('calls').columns(['contact_key', 'campaign_id']).execute()
}
