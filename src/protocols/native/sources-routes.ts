import type { FastifyInstance } from 'fastify'
import type { PluginOptions } from '../../app/leadflow.js'
import { valueOrThrow } from '../../core/config/problems.js'
import { validateCampaign, validateSource } from '../../core/config/validate-source.js'
import {
  deleteCampaign,
  findCampaign,
  listCampaigns,
  saveCampaign,
} from '../../storage/config/campaign-store.js'
import { deleteSource, findSource, listSources, saveSource } from '../../storage/config/source-store.js'
import { conflict, found, notFound } from './route-errors.js'
import {
  CREATE_CAMPAIGN,
  CREATE_SOURCE,
  DELETE_CAMPAIGN,
  DELETE_SOURCE,
  GET_CAMPAIGN,
  GET_SOURCE,
  LIST_CAMPAIGNS,
  LIST_SOURCES,
  UPDATE_CAMPAIGN,
  UPDATE_SOURCE,
} from './source-schemas.js'

type Vid = { Params: { vid: number } }
type Aid = { Params: { aid: number } }
type Body = { Body: Record<string, unknown> }

/** Sources (LeadExec vendors, by `vid`) and their campaigns (by `aid`). docs/api.md, "Sources". */
export async function sourcesRoutes(app: FastifyInstance, { lf }: PluginOptions): Promise<void> {
  app.get('/sources', { schema: LIST_SOURCES }, async () => ({ items: await listSources(lf.db) }))

  app.get<Vid>('/sources/:vid', { schema: GET_SOURCE }, async (request) =>
    found(await findSource(lf.db, request.params.vid), `source with vid ${request.params.vid}`),
  )

  app.post<Body>('/sources', { schema: CREATE_SOURCE }, async (request, reply) => {
    const spec = valueOrThrow(validateSource(request.body))
    if (await findSource(lf.db, spec.vid)) throw conflict(`A source with vid ${spec.vid} already exists`)
    const saved = await saveSource(lf.db, spec, lf.clock.now())
    return reply.status(201).send(saved.record)
  })

  app.patch<Vid & Body>('/sources/:vid', { schema: UPDATE_SOURCE }, async (request) => {
    const { vid } = request.params
    const {
      has_password: _,
      id: __,
      created_at: ___,
      updated_at: ____,
      ...stored
    } = found(await findSource(lf.db, vid), `source with vid ${vid}`)
    const spec = valueOrThrow(validateSource({ ...stored, ...request.body, vid }))
    return (await saveSource(lf.db, spec, lf.clock.now())).record
  })

  app.delete<Vid>('/sources/:vid', { schema: DELETE_SOURCE }, async (request, reply) => {
    const deleted = await lf.db.transaction().execute((trx) => deleteSource(trx, request.params.vid))
    if (!deleted) throw notFound(`source with vid ${request.params.vid}`)
    return reply.status(204).send()
  })

  app.get<{ Querystring: { vid?: number } }>('/campaigns', { schema: LIST_CAMPAIGNS }, async (request) => ({
    items: await listCampaigns(lf.db, request.query.vid),
  }))

  app.get<Aid>('/campaigns/:aid', { schema: GET_CAMPAIGN }, async (request) =>
    found(await findCampaign(lf.db, request.params.aid), `campaign with aid ${request.params.aid}`),
  )

  app.post<Body>('/campaigns', { schema: CREATE_CAMPAIGN }, async (request, reply) => {
    const spec = valueOrThrow(validateCampaign(request.body))
    if (await findCampaign(lf.db, spec.aid)) throw conflict(`A campaign with aid ${spec.aid} already exists`)
    const saved = await saveCampaign(lf.db, spec, lf.clock.now())
    return reply.status(201).send(saved.record)
  })

  app.patch<Aid & Body>('/campaigns/:aid', { schema: UPDATE_CAMPAIGN }, async (request) => {
    const { aid } = request.params
    const stored = found(await findCampaign(lf.db, aid), `campaign with aid ${aid}`)
    const current = {
      vid: stored.vid,
      name: stored.name,
      lid: stored.lid,
      status: stored.status,
      settings: stored.settings,
    }
    const spec = valueOrThrow(validateCampaign({ ...current, ...request.body, aid }))
    return (await saveCampaign(lf.db, spec, lf.clock.now())).record
  })

  app.delete<Aid>('/campaigns/:aid', { schema: DELETE_CAMPAIGN }, async (request, reply) => {
    const deleted = await lf.db.transaction().execute((trx) => deleteCampaign(trx, request.params.aid))
    if (!deleted) throw notFound(`campaign with aid ${request.params.aid}`)
    return reply.status(204).send()
  })
}
