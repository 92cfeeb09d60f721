import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { auditContextOf } from '../../core/accounts/caller.js'
import type { NativeOptions } from './native-admin.js'
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

/** Sources (LeadExec vendors, by `vid`) and their campaigns (by `aid`). docs/api.md, "Sources". */
export async function sourcesRoutes(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { sources, campaigns } = admin

  r.get('/sources', { config: { permission: 'config:read' }, schema: LIST_SOURCES }, async () => ({
    items: await sources.list(),
  }))

  r.get('/sources/:vid', { config: { permission: 'config:read' }, schema: GET_SOURCE }, (request) =>
    sources.get(request.params.vid),
  )

  r.post(
    '/sources',
    { config: { permission: 'config:write' }, schema: CREATE_SOURCE },
    async (request, reply) =>
      reply
        .status(201)
        .send(await sources.create(request.body, auditContextOf(request.caller ?? undefined, request.ip))),
  )

  r.patch('/sources/:vid', { config: { permission: 'config:write' }, schema: UPDATE_SOURCE }, (request) =>
    sources.update(request.params.vid, request.body, auditContextOf(request.caller ?? undefined, request.ip)),
  )

  r.delete(
    '/sources/:vid',
    { config: { permission: 'config:write' }, schema: DELETE_SOURCE },
    async (request, reply) => {
      await sources.remove(request.params.vid, auditContextOf(request.caller ?? undefined, request.ip))
      return reply.status(204).send(null)
    },
  )

  r.get('/campaigns', { config: { permission: 'config:read' }, schema: LIST_CAMPAIGNS }, async (request) => ({
    items: await campaigns.list(request.query.vid),
  }))

  r.get('/campaigns/:aid', { config: { permission: 'config:read' }, schema: GET_CAMPAIGN }, (request) =>
    campaigns.get(request.params.aid),
  )

  r.post(
    '/campaigns',
    { config: { permission: 'config:write' }, schema: CREATE_CAMPAIGN },
    async (request, reply) =>
      reply
        .status(201)
        .send(await campaigns.create(request.body, auditContextOf(request.caller ?? undefined, request.ip))),
  )

  r.patch('/campaigns/:aid', { config: { permission: 'config:write' }, schema: UPDATE_CAMPAIGN }, (request) =>
    campaigns.update(
      request.params.aid,
      request.body,
      auditContextOf(request.caller ?? undefined, request.ip),
    ),
  )

  r.delete(
    '/campaigns/:aid',
    { config: { permission: 'config:write' }, schema: DELETE_CAMPAIGN },
    async (request, reply) => {
      await campaigns.remove(request.params.aid, auditContextOf(request.caller ?? undefined, request.ip))
      return reply.status(204).send(null)
    },
  )
}
