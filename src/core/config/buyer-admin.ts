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
  create(input: unknown): Promise<BuyerRecord>
  update(id: number, patch: object): Promise<BuyerRecord>
  remove(id: number): Promise<void>
}

export function createBuyerAdmin(store: BuyerStore, clock: Clock): BuyerAdmin {
  const get = async (id: number) => found(await store.find(id), `buyer with id ${id}`)
  return {
    list: () => store.list(),
    get,
    create: (input) => store.create(valueOrThrow(validateBuyer(input)), clock.now()),
    async update(id, patch) {
      const { name, status, settings } = await get(id)
      const spec = valueOrThrow(validateBuyer({ name, status, settings, ...patch }))
      return (await store.update(id, spec, clock.now())).record
    },
    remove: async (id) => removed(await store.remove(id), `buyer with id ${id}`),
  }
}
