import { type AuditContext, SYSTEM } from '../accounts/caller.js'
import type { Clock } from '../ports.js'
import { found, removed } from './admin-errors.js'
import type { CampaignRecord } from './config-records.js'
import type { CampaignStore } from './config-stores.js'
import { valueOrThrow } from './problems.js'
import { validateCampaign } from './validate-source.js'

/** A source's campaigns (LeadExec `aid`). docs/api.md, "Sources". */
export interface CampaignAdmin {
  list(vid?: number): Promise<CampaignRecord[]>
  get(aid: number): Promise<CampaignRecord>
  create(input: unknown, audit?: AuditContext): Promise<CampaignRecord>
  update(aid: number, patch: object, audit?: AuditContext): Promise<CampaignRecord>
  remove(aid: number, audit?: AuditContext): Promise<void>
}

export function createCampaignAdmin(store: CampaignStore, clock: Clock): CampaignAdmin {
  const get = async (aid: number) => found(await store.find(aid), `campaign with aid ${aid}`)
  return {
    list: (vid) => store.list(vid),
    get,
    create: (input, audit = SYSTEM) =>
      store.create(valueOrThrow(validateCampaign(input)), clock.now(), { audit, action: 'campaign.create' }),
    async update(aid, patch, audit = SYSTEM) {
      const { vid, name, lid, status, settings } = await get(aid)
      const spec = valueOrThrow(validateCampaign({ vid, name, lid, status, settings, ...patch, aid }))
      return (await store.save(spec, clock.now(), { audit, action: 'campaign.update' })).record
    },
    remove: async (aid, audit = SYSTEM) =>
      removed(
        await store.remove(aid, { audit, action: 'campaign.delete' }, clock.now()),
        `campaign with aid ${aid}`,
      ),
  }
}
