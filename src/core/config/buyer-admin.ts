import { type AuditContext, SYSTEM } from '../accounts/caller.js'
import type { Clock } from '../ports.js'
import { found, removed } from './admin-errors.js'
import type { BuyerRecord } from './config-records.js'
import type { BuyerStore } from './config-stores.js'
import { valueOrThrow } from './problems.js'
import { validateBuyer } from './validate-buyer.js'

/** Buyers (LeadExec clients; `id` is the ClientUID). docs/api.md, "Buyers". */
export interface BuyerAdmin {
  list(): Promise<BuyerRecord[]>
  get(id: number): Promise<BuyerRecord>
  create(input: unknown, audit?: AuditContext): Promise<BuyerRecord>
  update(id: number, patch: object, audit?: AuditContext): Promise<BuyerRecord>
  remove(id: number, audit?: AuditContext): Promise<void>
}

export function createBuyerAdmin(store: BuyerStore, clock: Clock): BuyerAdmin {
  const get = async (id: number) => found(await store.find(id), `buyer with id ${id}`)
  return {
    list: () => store.list(),
    get,
    create: (input, audit = SYSTEM) =>
      store.create(valueOrThrow(validateBuyer(input)), clock.now(), { audit, action: 'buyer.create' }),
    async update(id, patch, audit = SYSTEM) {
      const { name, status, settings } = await get(id)
      const spec = valueOrThrow(validateBuyer({ name, status, settings, ...patch }))
      return (await store.update(id, spec, clock.now(), { audit, action: 'buyer.update' })).record
    },
    remove: async (id, audit = SYSTEM) =>
      removed(await store.remove(id, { audit, action: 'buyer.delete' }, clock.now()), `buyer with id ${id}`),
  }
}
