import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { auditContextOf } from '../../core/accounts/caller.js'
import { CREATE_BUYER, DELETE_BUYER, GET_BUYER, LIST_BUYERS, UPDATE_BUYER } from './buyer-schemas.js'
import type { NativeOptions } from './native-admin.js'

/** Buyers (LeadExec clients; `id` is the ClientUID). docs/api.md, "Buyers". */
export async function buyersRoutes(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { buyers } = admin

  r.get('/buyers', { config: { permission: 'config:read' }, schema: LIST_BUYERS }, async () => ({
    items: await buyers.list(),
  }))

  r.get('/buyers/:id', { config: { permission: 'config:read' }, schema: GET_BUYER }, (request) =>
    buyers.get(request.params.id),
  )

  r.post(
    '/buyers',
    { config: { permission: 'config:write' }, schema: CREATE_BUYER },
    async (request, reply) =>
      reply
        .status(201)
        .send(await buyers.create(request.body, auditContextOf(request.caller ?? undefined, request.ip))),
  )

  r.patch('/buyers/:id', { config: { permission: 'config:write' }, schema: UPDATE_BUYER }, (request) =>
    buyers.update(request.params.id, request.body, auditContextOf(request.caller ?? undefined, request.ip)),
  )

  r.delete(
    '/buyers/:id',
    { config: { permission: 'config:write' }, schema: DELETE_BUYER },
    async (request, reply) => {
      await buyers.remove(request.params.id, auditContextOf(request.caller ?? undefined, request.ip))
      return reply.status(204).send(null)
    },
  )
}
