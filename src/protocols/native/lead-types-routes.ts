import type { FastifyInstance } from 'fastify'
import type { PluginOptions } from '../../app/leadflow.js'
import { valueOrThrow } from '../../core/config/problems.js'
import { validateLeadType } from '../../core/config/validate-lead-type.js'
import {
  deleteLeadType,
  findLeadType,
  listLeadTypes,
  saveLeadType,
} from '../../storage/config/lead-type-store.js'
import {
  CREATE_LEAD_TYPE,
  DELETE_LEAD_TYPE,
  GET_LEAD_TYPE,
  LIST_LEAD_TYPES,
  UPDATE_LEAD_TYPE,
} from './lead-type-schemas.js'
import { conflict, found, notFound } from './route-errors.js'

type Lid = { Params: { lid: number } }
type Body = { Body: Record<string, unknown> }

/** Lead types (LeadExec `lid`, CAKE `vertical_id`) with their field schema. docs/api.md, "Lead types". */
export async function leadTypesRoutes(app: FastifyInstance, { lf }: PluginOptions): Promise<void> {
  app.get('/lead-types', { schema: LIST_LEAD_TYPES }, async () => ({ items: await listLeadTypes(lf.db) }))

  app.get<Lid>('/lead-types/:lid', { schema: GET_LEAD_TYPE }, async (request) =>
    found(await findLeadType(lf.db, request.params.lid), `lead type with lid ${request.params.lid}`),
  )

  app.post<Body>('/lead-types', { schema: CREATE_LEAD_TYPE }, async (request, reply) => {
    const spec = valueOrThrow(validateLeadType(request.body))
    if (await findLeadType(lf.db, spec.lid)) throw conflict(`A lead type with lid ${spec.lid} already exists`)
    const saved = await saveLeadType(lf.db, spec, lf.clock.now())
    return reply.status(201).send(saved.record)
  })

  app.patch<Lid & Body>('/lead-types/:lid', { schema: UPDATE_LEAD_TYPE }, async (request) => {
    const { lid } = request.params
    const {
      id: _,
      created_at: __,
      updated_at: ___,
      ...stored
    } = found(await findLeadType(lf.db, lid), `lead type with lid ${lid}`)
    const spec = valueOrThrow(validateLeadType({ ...stored, ...request.body, lid }))
    return (await saveLeadType(lf.db, spec, lf.clock.now())).record
  })

  app.delete<Lid>('/lead-types/:lid', { schema: DELETE_LEAD_TYPE }, async (request, reply) => {
    const deleted = await lf.db.transaction().execute((trx) => deleteLeadType(trx, request.params.lid))
    if (!deleted) throw notFound(`lead type with lid ${request.params.lid}`)
    return reply.status(204).send()
  })
}
