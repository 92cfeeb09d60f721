import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import {
  CREATE_CREDENTIAL,
  GET_CREDENTIAL,
  LIST_CREDENTIALS,
  REVOKE_CREDENTIAL,
} from './credential-schemas.js'
import type { NativeOptions } from './native-admin.js'

/** API keys and bearer tokens of admins, sources, buyers, diallers and CAKE callers. docs/api.md, "Credentials". */
export async function credentialsRoutes(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { credentials } = admin

  r.get('/credentials', { schema: LIST_CREDENTIALS }, async (request) => ({
    items: await credentials.list(request.query),
  }))

  r.get('/credentials/:id', { schema: GET_CREDENTIAL }, (request) => credentials.get(request.params.id))

  r.post('/credentials', { schema: CREATE_CREDENTIAL }, async (request, reply) =>
    reply.status(201).send(await credentials.issue(request.body)),
  )

  r.delete('/credentials/:id', { schema: REVOKE_CREDENTIAL }, async (request, reply) => {
    await credentials.revoke(request.params.id)
    return reply.status(204).send(null)
  })
}
