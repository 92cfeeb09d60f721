import type { FastifyInstance } from 'fastify'
import type { PluginOptions } from '../../app/leadflow.js'
import { valueOrThrow } from '../../core/config/problems.js'
import { validateContract } from '../../core/config/validate-buyer.js'
import { findBuyer } from '../../storage/config/buyer-store.js'
import {
  deleteContract,
  findContract,
  findContractByName,
  listContracts,
  saveContract,
} from '../../storage/config/contract-store.js'
import {
  CREATE_CONTRACT,
  DELETE_CONTRACT,
  GET_CONTRACT,
  LIST_BUYER_CONTRACTS,
  LIST_CONTRACTS,
  UPDATE_CONTRACT,
} from './buyer-schemas.js'
import { conflict, found, notFound } from './route-errors.js'

type Id = { Params: { id: number } }
type Body = { Body: Record<string, unknown> }

/** Contracts (CAKE `buyer_contract_id`): what a buyer takes, at what price, how delivered. */
export async function contractsRoutes(app: FastifyInstance, { lf }: PluginOptions): Promise<void> {
  app.get<{ Querystring: { buyer_id?: number } }>(
    '/contracts',
    { schema: LIST_CONTRACTS },
    async (request) => ({
      items: await listContracts(lf.db, request.query.buyer_id),
    }),
  )

  app.get<Id>('/buyers/:id/contracts', { schema: LIST_BUYER_CONTRACTS }, async (request) => {
    found(await findBuyer(lf.db, request.params.id), `buyer with id ${request.params.id}`)
    return { items: await listContracts(lf.db, request.params.id) }
  })

  app.get<Id>('/contracts/:id', { schema: GET_CONTRACT }, async (request) =>
    found(await findContract(lf.db, request.params.id), `contract with id ${request.params.id}`),
  )

  app.post<Id & Body>('/buyers/:id/contracts', { schema: CREATE_CONTRACT }, async (request, reply) => {
    const buyerId = request.params.id
    found(await findBuyer(lf.db, buyerId), `buyer with id ${buyerId}`)
    const spec = valueOrThrow(validateContract(request.body))
    if (await findContractByName(lf.db, buyerId, spec.name)) {
      throw conflict(`Buyer ${buyerId} already has a contract named "${spec.name}"`)
    }
    const saved = await saveContract(lf.db, buyerId, undefined, spec, lf.clock.now())
    return reply.status(201).send(saved.record)
  })

  app.patch<Id & Body>('/contracts/:id', { schema: UPDATE_CONTRACT }, async (request) => {
    const { id } = request.params
    const stored = found(await findContract(lf.db, id), `contract with id ${id}`)
    const {
      buyer_id,
      buyer_name: _,
      lead_type_id: __,
      price: ___,
      consecutive_errors: ____,
      ...current
    } = stored
    const { id: _id, created_at: _c, updated_at: _u, ...editable } = current
    const spec = valueOrThrow(validateContract({ ...editable, ...request.body }))
    return (await saveContract(lf.db, buyer_id, id, spec, lf.clock.now())).record
  })

  app.delete<Id>('/contracts/:id', { schema: DELETE_CONTRACT }, async (request, reply) => {
    const deleted = await lf.db.transaction().execute((trx) => deleteContract(trx, request.params.id))
    if (!deleted) throw notFound(`contract with id ${request.params.id}`)
    return reply.status(204).send()
  })
}
