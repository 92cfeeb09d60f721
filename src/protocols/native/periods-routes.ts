import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { MoneyServices } from '../../app/money-services.js'
import { acceptJsonOnly } from '../../http/json-depth.js'
import { needs } from '../../http/route-permission.js'
import { adminSchema } from './common-schemas.js'

const BOOKS = {
  type: 'object',
  properties: {
    open_from: { type: 'string', description: 'first day of the first open period (YYYY-MM-DD)' },
    closed_through: { type: ['string', 'null'], description: 'last closed period (YYYY-MM)' },
    closed_at: { type: ['string', 'null'] },
  },
} as const

export const PERIOD = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } as const

const GET_BOOKS = adminSchema('ledger', 'Which accounting periods are closed', {
  response: { 200: BOOKS },
} as const)

const CLOSE = adminSchema('ledger', 'Close an accounting period (a UTC month) and every one before it', {
  params: {
    type: 'object',
    required: ['period'],
    properties: { period: PERIOD },
    additionalProperties: false,
  },
  response: { 200: BOOKS },
} as const)

export interface PeriodsRoutesOptions {
  money: Pick<MoneyServices, 'periods'>
}

/** Closed periods (docs/reports.md, "Closed periods"). */
export async function periodsRoutes(app: FastifyInstance, { money }: PeriodsRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  acceptJsonOnly(app)
  r.get('/ledger/periods', { schema: GET_BOOKS, config: needs('ledger:read') }, () => money.periods.books())
  r.post('/ledger/periods/:period/close', { schema: CLOSE, config: needs('ledger:write') }, (request) =>
    money.periods.close(request.params.period),
  )
}
