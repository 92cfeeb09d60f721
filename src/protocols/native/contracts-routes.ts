import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import { auditContextOf } from '../../core/accounts/caller.js'
import {
  CREATE_CONTRACT,
  DELETE_CONTRACT,
  GET_CONTRACT,
  LIST_BUYER_CONTRACTS,
  LIST_CONTRACTS,
  TEST_DELIVERY,
  UPDATE_CONTRACT,
} from './buyer-schemas.js'
import type { NativeOptions } from './native-admin.js'

/** Contracts (CAKE `buyer_contract_id`): what a buyer takes, at what price, how delivered. */
export async function contractsRoutes(app: FastifyInstance, { admin }: NativeOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  const { contracts, deliveryTest } = admin

  r.get('/contracts', { config: { permission: 'config:read' }, schema: LIST_CONTRACTS }, async (request) => ({
    items: await contracts.list(request.query.buyer_id),
  }))

  r.get(
    '/buyers/:id/contracts',
    { config: { permission: 'config:read' }, schema: LIST_BUYER_CONTRACTS },
    async (request) => ({
      items: await contracts.listOfBuyer(request.params.id),
    }),
  )

  r.get('/contracts/:id', { config: { permission: 'config:read' }, schema: GET_CONTRACT }, (request) =>
    contracts.get(request.params.id),
  )

  r.post(
    '/buyers/:id/contracts',
    { config: { permission: 'config:write' }, schema: CREATE_CONTRACT },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await contracts.create(
            request.params.id,
            request.body,
            auditContextOf(request.caller ?? undefined, request.ip),
          ),
        ),
  )

  // config:write, the permission of contract writes: a test sends a request to the buyer.
  r.post(
    '/contracts/test-delivery',
    { config: { permission: 'config:write' }, schema: TEST_DELIVERY },
    (request) => {
      const { contract_id, contract, lead } = request.body
      return deliveryTest.run({ contractId: contract_id, contract, fields: lead.fields })
    },
  )

  r.patch('/contracts/:id', { config: { permission: 'config:write' }, schema: UPDATE_CONTRACT }, (request) =>
    contracts.update(
      request.params.id,
      request.body,
      auditContextOf(request.caller ?? undefined, request.ip),
    ),
  )

  r.delete(
    '/contracts/:id',
    { config: { permission: 'config:write' }, schema: DELETE_CONTRACT },
    async (request, reply) => {
      await contracts.remove(request.params.id, auditContextOf(request.caller ?? undefined, request.ip))
      return reply.status(204).send(null)
    },
  )
}
