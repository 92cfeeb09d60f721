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
  create(input: unknown): Promise<SourceRecord>
  /** Merges `patch` over the stored source, then validates the whole as a create would. */
  update(vid: number, patch: object): Promise<SourceRecord>
  remove(vid: number): Promise<void>
}

export function createSourceAdmin(store: SourceStore, clock: Clock): SourceAdmin {
  const get = async (vid: number) => found(await store.find(vid), `source with vid ${vid}`)
  return {
    list: () => store.list(),
    get,
    create: (input) => store.create(valueOrThrow(validateSource(input)), clock.now()),
    async update(vid, patch) {
      const { has_password: _, id: __, created_at: ___, updated_at: ____, ...stored } = await get(vid)
      const spec = valueOrThrow(validateSource({ ...stored, ...patch, vid }))
      return (await store.save(spec, clock.now())).record
    },
    remove: async (vid) => removed(await store.remove(vid), `source with vid ${vid}`),
  }
}
