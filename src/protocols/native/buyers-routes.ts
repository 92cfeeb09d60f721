import type { FastifyInstance } from 'fastify'
import type { PluginOptions } from '../../app/leadflow.js'
import { valueOrThrow } from '../../core/config/problems.js'
import { validateBuyer } from '../../core/config/validate-buyer.js'
import {
  deleteBuyer,
  findBuyer,
  findBuyerByName,
  listBuyers,
  saveBuyer,
} from '../../storage/config/buyer-store.js'
import { CREATE_BUYER, DELETE_BUYER, GET_BUYER, LIST_BUYERS, UPDATE_BUYER } from './buyer-schemas.js'
import { conflict, found, notFound } from './route-errors.js'

type Id = { Params: { id: number } }
type Body = { Body: Record<string, unknown> }

/** Buyers (LeadExec clients; `id` is the ClientUID). docs/api.md, "Buyers". */
export async function buyersRoutes(app: FastifyInstance, { lf }: PluginOptions): Promise<void> {
  app.get('/buyers', { schema: LIST_BUYERS }, async () => ({ items: await listBuyers(lf.db) }))

  app.get<Id>('/buyers/:id', { schema: GET_BUYER }, async (request) =>
    found(await findBuyer(lf.db, request.params.id), `buyer with id ${request.params.id}`),
  )

  app.post<Body>('/buyers', { schema: CREATE_BUYER }, async (request, reply) => {
    const spec = valueOrThrow(validateBuyer(request.body))
    if (await findBuyerByName(lf.db, spec.name)) throw conflict(`A buyer named "${spec.name}" already exists`)
    const saved = await saveBuyer(lf.db, undefined, spec, lf.clock.now())
    return reply.status(201).send(saved.record)
  })

  app.patch<Id & Body>('/buyers/:id', { schema: UPDATE_BUYER }, async (request) => {
    const { id } = request.params
    const stored = found(await findBuyer(lf.db, id), `buyer with id ${id}`)
    const current = { name: stored.name, status: stored.status, settings: stored.settings }
    const spec = valueOrThrow(validateBuyer({ ...current, ...request.body }))
    return (await saveBuyer(lf.db, id, spec, lf.clock.now())).record
  })

  app.delete<Id>('/buyers/:id', { schema: DELETE_BUYER }, async (request, reply) => {
    const deleted = await lf.db.transaction().execute((trx) => deleteBuyer(trx, request.params.id))
    if (!deleted) throw notFound(`buyer with id ${request.params.id}`)
    return reply.status(204).send()
  })
}
