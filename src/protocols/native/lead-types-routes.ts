import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { auditContextOf } from '../../core/accounts/caller.js'
import {
  CREATE_LEAD_TYPE,
  DELETE_LEAD_TYPE,
  GET_LEAD_TYPE,
  LIST_LEAD_TYPES,
  UPDATE_LEAD_TYPE,
} from './lead-type-schemas.js'
import type { NativeOptions } from './native-admin.js'

/** Lead types (LeadExec `lid`, CAKE `vertical_id`) with their field schema. docs/api.md, "Lead types". */
export async function leadTypesRoutes(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { leadTypes } = admin

  r.get('/lead-types', { config: { permission: 'config:read' }, schema: LIST_LEAD_TYPES }, async () => ({
    items: await leadTypes.list(),
  }))

  r.get('/lead-types/:lid', { config: { permission: 'config:read' }, schema: GET_LEAD_TYPE }, (request) =>
    leadTypes.get(request.params.lid),
  )

  r.post(
    '/lead-types',
    { config: { permission: 'config:write' }, schema: CREATE_LEAD_TYPE },
    async (request, reply) =>
      reply
        .status(201)
        .send(await leadTypes.create(request.body, auditContextOf(request.caller ?? undefined, request.ip))),
  )

  r.patch(
    '/lead-types/:lid',
    { config: { permission: 'config:write' }, schema: UPDATE_LEAD_TYPE },
    (request) =>
      leadTypes.update(
        request.params.lid,
        request.body,
        auditContextOf(request.caller ?? undefined, request.ip),
      ),
  )

  r.delete(
    '/lead-types/:lid',
    { config: { permission: 'config:write' }, schema: DELETE_LEAD_TYPE },
    async (request, reply) => {
      await leadTypes.remove(request.params.lid, auditContextOf(request.caller ?? undefined, request.ip))
      return reply.status(204).send(null)
    },
  )
}
