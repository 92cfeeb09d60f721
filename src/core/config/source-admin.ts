import { type AuditContext, SYSTEM } from '../accounts/caller.js'
import type { Clock } from '../ports.js'
import { found, removed } from './admin-errors.js'
import type { SourceRecord } from './config-records.js'
import type { SourceStore } from './config-stores.js'
import { valueOrThrow } from './problems.js'
import { validateSource } from './validate-source.js'

/** Sources (LeadExec vendors, by `vid`): the native API's use-cases. docs/api.md, "Sources". */
export interface SourceAdmin {
  list(): Promise<SourceRecord[]>
  get(vid: number): Promise<SourceRecord>
  create(input: unknown, audit?: AuditContext): Promise<SourceRecord>
  /** Merges `patch` over the stored source, then validates the whole as a create would. */
  update(vid: number, patch: object, audit?: AuditContext): Promise<SourceRecord>
  remove(vid: number, audit?: AuditContext): Promise<void>
}

export function createSourceAdmin(store: SourceStore, clock: Clock): SourceAdmin {
  const get = async (vid: number) => found(await store.find(vid), `source with vid ${vid}`)
  return {
    list: () => store.list(),
    get,
    create: (input, audit = SYSTEM) =>
      store.create(valueOrThrow(validateSource(input)), clock.now(), { audit, action: 'source.create' }),
    async update(vid, patch, audit = SYSTEM) {
      const { has_password: _, id: __, created_at: ___, updated_at: ____, ...stored } = await get(vid)
      const spec = valueOrThrow(validateSource({ ...stored, ...patch, vid }))
      return (await store.save(spec, clock.now(), { audit, action: 'source.update' })).record
    },
    remove: async (vid, audit = SYSTEM) =>
      removed(
        await store.remove(vid, { audit, action: 'source.delete' }, clock.now()),
        `source with vid ${vid}`,
      ),
  }
}
