import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { MoneyServices } from '../../app/money-services.js'
import { acceptJsonOnly } from '../../http/json-depth.js'
import { needs } from '../../http/route-permission.js'
import { adminSchema, idParams } from './common-schemas.js'

const CREDIT_LINE = {
  type: 'object',
  properties: {
    buyer_id: { type: 'integer' },
    limit_cents: { type: ['integer', 'null'] },
    balance_cents: { type: 'integer' },
    reserved_cents: { type: 'integer' },
    available_cents: { type: ['integer', 'null'] },
  },
} as const

const GET_CREDIT = adminSchema('ledger', "A buyer's credit limit, balance and sales in flight", {
  params: idParams('id'),
  response: { 200: CREDIT_LINE },
} as const)

const PUT_CREDIT = adminSchema('ledger', "Set or remove (null) a buyer's credit limit", {
  params: idParams('id'),
  body: {
    type: 'object',
    required: ['limit_cents'],
    properties: { limit_cents: { type: ['integer', 'null'], minimum: 0 } },
    additionalProperties: false,
  },
  response: { 200: CREDIT_LINE },
} as const)

export interface CreditRoutesOptions {
  money: Pick<MoneyServices, 'credit'>
}

/** Buyer credit limits (docs/reports.md, "Credit limits"). */
export async function creditRoutes(app: FastifyInstance, { money }: CreditRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  acceptJsonOnly(app)
  r.get('/buyers/:id/credit', { schema: GET_CREDIT, config: needs('ledger:read') }, (request) =>
    money.credit.get(request.params.id),
  )
  r.put('/buyers/:id/credit', { schema: PUT_CREDIT, config: needs('ledger:write') }, (request) =>
    money.credit.set(request.params.id, request.body.limit_cents),
  )
}
