import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { auditContextOf } from '../../core/accounts/caller.js'
import {
  CREATE_CREDENTIAL,
  GET_CREDENTIAL,
  LIST_CREDENTIALS,
  REVOKE_CREDENTIAL,
  ROTATE_CREDENTIAL,
} from './credential-schemas.js'
import type { NativeOptions } from './native-admin.js'

/** The caller, so a new key never does more than its maker; and the audit row's who. */
function actingAs(request: FastifyRequest) {
  return { by: request.caller, audit: auditContextOf(request.caller ?? undefined, request.ip) }
}

/** API keys and bearer tokens of admins, sources, buyers, diallers and CAKE callers. docs/api.md, "Credentials". */
export async function credentialsRoutes(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { credentials } = admin

  r.get(
    '/credentials',
    { config: { permission: 'credentials:read' }, schema: LIST_CREDENTIALS },
    async (request) => ({
      items: await credentials.list(request.query),
    }),
  )

  r.get(
    '/credentials/:id',
    { config: { permission: 'credentials:read' }, schema: GET_CREDENTIAL },
    (request) => credentials.get(request.params.id),
  )

  r.post(
    '/credentials',
    { config: { permission: 'credentials:write' }, schema: CREATE_CREDENTIAL },
    async (request, reply) =>
      reply.status(201).send(await credentials.issue(request.body, actingAs(request))),
  )

  r.post(
    '/credentials/:id/rotate',
    { config: { permission: 'credentials:write' }, schema: ROTATE_CREDENTIAL },
    async (request, reply) => {
      const grace = request.body?.grace_hours
      return reply.status(201).send(await credentials.rotate(request.params.id, grace, actingAs(request)))
    },
  )

  r.delete(
    '/credentials/:id',
    { config: { permission: 'credentials:write' }, schema: REVOKE_CREDENTIAL },
    async (request, reply) => {
      await credentials.revoke(request.params.id, actingAs(request))
      return reply.status(204).send(null)
    },
  )
}
