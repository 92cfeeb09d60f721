import type { Clock } from '../ports.js'
import { found, removed } from './admin-errors.js'
import type { LeadTypeRecord } from './config-records.js'
import type { LeadTypeStore } from './config-stores.js'
import { valueOrThrow } from './problems.js'
import { validateLeadType } from './validate-lead-type.js'

/** Lead types (LeadExec `lid`, CAKE `vertical_id`) with their field schema. docs/api.md, "Lead types". */
export interface LeadTypeAdmin {
  list(): Promise<LeadTypeRecord[]>
  get(lid: number): Promise<LeadTypeRecord>
  create(input: unknown): Promise<LeadTypeRecord>
  update(lid: number, patch: object): Promise<LeadTypeRecord>
  remove(lid: number): Promise<void>
}

export function createLeadTypeAdmin(store: LeadTypeStore, clock: Clock): LeadTypeAdmin {
  const get = async (lid: number) => found(await store.find(lid), `lead type with lid ${lid}`)
  return {
    list: () => store.list(),
    get,
    create: (input) => store.create(valueOrThrow(validateLeadType(input)), clock.now()),
    async update(lid, patch) {
      const { id: _, created_at: __, updated_at: ___, ...stored } = await get(lid)
      const spec = valueOrThrow(validateLeadType({ ...stored, ...patch, lid }))
      return (await store.save(spec, clock.now())).record
    },
    remove: async (lid) => removed(await store.remove(lid), `lead type with lid ${lid}`),
  }
}
