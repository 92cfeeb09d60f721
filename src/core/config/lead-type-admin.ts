import { type AuditContext, SYSTEM } from '../accounts/caller.js'
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
  create(input: unknown, audit?: AuditContext): Promise<LeadTypeRecord>
  update(lid: number, patch: object, audit?: AuditContext): Promise<LeadTypeRecord>
  remove(lid: number, audit?: AuditContext): Promise<void>
}

export function createLeadTypeAdmin(store: LeadTypeStore, clock: Clock): LeadTypeAdmin {
  const get = async (lid: number) => found(await store.find(lid), `lead type with lid ${lid}`)
  return {
    list: () => store.list(),
    get,
    create: (input, audit = SYSTEM) =>
      store.create(valueOrThrow(validateLeadType(input)), clock.now(), { audit, action: 'lead_type.create' }),
    async update(lid, patch, audit = SYSTEM) {
      const { id: _, created_at: __, updated_at: ___, ...stored } = await get(lid)
      const spec = valueOrThrow(validateLeadType({ ...stored, ...patch, lid }))
      return (await store.save(spec, clock.now(), { audit, action: 'lead_type.update' })).record
    },
    remove: async (lid, audit = SYSTEM) =>
      removed(
        await store.remove(lid, { audit, action: 'lead_type.delete' }, clock.now()),
        `lead type with lid ${lid}`,
      ),
  }
}
