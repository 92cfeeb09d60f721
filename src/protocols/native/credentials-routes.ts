import type { FastifyInstance } from 'fastify'
import type { PluginOptions } from '../../app/leadflow.js'
import { valueOrThrow } from '../../core/config/problems.js'
import { validateCredential } from '../../core/config/validate-credential.js'
import {
  type CredentialFilter,
  findCredential,
  issueCredential,
  listCredentials,
  revokeCredential,
} from '../../storage/config/credential-admin-store.js'
import {
  CREATE_CREDENTIAL,
  GET_CREDENTIAL,
  LIST_CREDENTIALS,
  REVOKE_CREDENTIAL,
} from './credential-schemas.js'
import { found, notFound } from './route-errors.js'

type Id = { Params: { id: number } }

/** API keys and bearer tokens of admins, sources, buyers, diallers and CAKE callers. docs/api.md, "Credentials". */
export async function credentialsRoutes(app: FastifyInstance, { lf }: PluginOptions): Promise<void> {
  app.get<{ Querystring: CredentialFilter }>(
    '/credentials',
    { schema: LIST_CREDENTIALS },
    async (request) => ({
      items: await listCredentials(lf.db, request.query, lf.clock.now()),
    }),
  )

  app.get<Id>('/credentials/:id', { schema: GET_CREDENTIAL }, async (request) =>
    found(
      await findCredential(lf.db, request.params.id, lf.clock.now()),
      `credential with id ${request.params.id}`,
    ),
  )

  app.post<{ Body: unknown }>('/credentials', { schema: CREATE_CREDENTIAL }, async (request, reply) => {
    const now = lf.clock.now()
    const spec = valueOrThrow(validateCredential(request.body, now))
    const { record, secret } = await issueCredential(lf.db, spec, now)
    return reply.status(201).send({ ...record, secret })
  })

  app.delete<Id>('/credentials/:id', { schema: REVOKE_CREDENTIAL }, async (request, reply) => {
    const now = lf.clock.now()
    const revoked = await lf.db.transaction().execute((trx) => revokeCredential(trx, request.params.id, now))
    if (!revoked) throw notFound(`credential with id ${request.params.id}`)
    return reply.status(204).send()
  })
}
