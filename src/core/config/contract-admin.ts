import { type AuditContext, SYSTEM } from '../accounts/caller.js'
import type { Clock } from '../ports.js'
import { found, removed } from './admin-errors.js'
import type { ContractRecord } from './config-records.js'
import type { BuyerStore, ContractStore } from './config-stores.js'
import { valueOrThrow } from './problems.js'
import { validateContract } from './validate-buyer.js'

/** Contracts (CAKE `buyer_contract_id`): what a buyer takes, at what price, how delivered. */
export interface ContractAdmin {
  list(buyerId?: number): Promise<ContractRecord[]>
  /** 404 when the buyer does not exist, unlike `list(buyerId)`. */
  listOfBuyer(buyerId: number): Promise<ContractRecord[]>
  get(id: number): Promise<ContractRecord>
  create(buyerId: number, input: unknown, audit?: AuditContext): Promise<ContractRecord>
  update(id: number, patch: object, audit?: AuditContext): Promise<ContractRecord>
  remove(id: number, audit?: AuditContext): Promise<void>
}

export function createContractAdmin(
  store: ContractStore,
  buyers: Pick<BuyerStore, 'find'>,
  clock: Clock,
): ContractAdmin {
  const get = async (id: number) => found(await store.find(id), `contract with id ${id}`)
  const buyer = async (id: number) => found(await buyers.find(id), `buyer with id ${id}`)
  return {
    list: (buyerId) => store.list(buyerId),
    async listOfBuyer(buyerId) {
      await buyer(buyerId)
      return store.list(buyerId)
    },
    get,
    async create(buyerId, input, audit = SYSTEM) {
      await buyer(buyerId)
      return store.create(buyerId, valueOrThrow(validateContract(input)), clock.now(), {
        audit,
        action: 'contract.create',
      })
    },
    async update(id, patch, audit = SYSTEM) {
      const {
        buyer_id,
        buyer_name: _,
        lead_type_id: __,
        price: ___,
        consecutive_errors: ____,
        id: _id,
        created_at: _c,
        updated_at: _u,
        ...editable
      } = await get(id)
      const spec = valueOrThrow(validateContract({ ...editable, ...patch }))
      return (await store.update(buyer_id, id, spec, clock.now(), { audit, action: 'contract.update' }))
        .record
    },
    remove: async (id, audit = SYSTEM) =>
      removed(
        await store.remove(id, { audit, action: 'contract.delete' }, clock.now()),
        `contract with id ${id}`,
      ),
  }
}
