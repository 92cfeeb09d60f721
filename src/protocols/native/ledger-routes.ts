import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { MoneyServices } from '../../app/money-services.js'
import { acceptJsonOnly } from '../../http/json-depth.js'
import { needs } from '../../http/route-permission.js'
import { adminSchema, ID } from './common-schemas.js'
import { sendCsv, wantsCsv } from './csv-reply.js'
import { BALANCE, FORMAT, LEDGER_COLUMNS, LEDGER_ENTRY } from './report-schemas.js'

const KIND = { type: 'string', enum: ['buyer', 'source'] } as const

const LIST = adminSchema('ledger', 'Ledger rows, newest first (CSV streams every matching row)', {
  querystring: {
    type: 'object',
    properties: {
      account_kind: KIND,
      account_id: ID,
      entry: { type: 'string', maxLength: 40 },
      lead_id: ID,
      from: { type: 'string', format: 'date-time' },
      to: { type: 'string', format: 'date-time' },
      limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
      before_id: ID,
      format: FORMAT,
    },
    additionalProperties: false,
  },
  response: {
    200: {
      type: 'object',
      properties: {
        items: { type: 'array', items: LEDGER_ENTRY },
        next_before_id: { type: ['integer', 'null'] },
      },
    },
  },
} as const)

const ENTRY = adminSchema(
  'ledger',
  'Record an adjustment, a buyer payment (prepaid funds) or a source payout',
  {
    body: {
      type: 'object',
      required: ['account_kind', 'account_id', 'entry', 'amount_cents', 'reason'],
      properties: {
        account_kind: KIND,
        account_id: ID,
        entry: { type: 'string', enum: ['adjustment', 'payment', 'payout'] },
        amount_cents: {
          type: 'integer',
          description: 'adjustment: signed as stored; payment / payout: positive',
        },
        reason: { type: 'string', minLength: 1, maxLength: 500 },
        booked_on: {
          type: 'string',
          format: 'date',
          description:
            'accounting date; default today, or the first open day after closed periods (409 when closed)',
        },
      },
      additionalProperties: false,
    },
    response: { 201: LEDGER_ENTRY },
  } as const,
)

const BALANCE_SCHEMA = adminSchema('ledger', "An account's balance from its ledger rows", {
  params: {
    type: 'object',
    required: ['kind', 'id'],
    properties: { kind: KIND, id: ID },
    additionalProperties: false,
  },
  response: { 200: BALANCE },
} as const)

export interface LedgerRoutesOptions {
  money: Pick<MoneyServices, 'ledger'>
}

/** The ledger API (docs/reports.md, "Ledger"). */
export async function ledgerRoutes(app: FastifyInstance, { money }: LedgerRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  acceptJsonOnly(app)

  r.get('/ledger', { schema: LIST, config: needs('ledger:read') }, async (request, reply) => {
    const q = request.query
    const filter = {
      accountKind: q.account_kind,
      accountId: q.account_id,
      entry: q.entry,
      leadId: q.lead_id,
      from: q.from,
      to: q.to,
    }
    if (wantsCsv(request)) return sendCsv(reply, 'ledger.csv', LEDGER_COLUMNS, money.ledger.all(filter))
    const items = await money.ledger.page(filter, q.limit, q.before_id)
    const last = items[items.length - 1]
    return { items, next_before_id: items.length === q.limit && last ? last.id : null }
  })

  r.post('/ledger/entries', { schema: ENTRY, config: needs('ledger:write') }, async (request, reply) => {
    const b = request.body
    // Payments and payouts lower a balance: stored negative (docs/returns.md, ledger signs).
    const sign = b.entry === 'adjustment' ? 1 : -1
    if (b.entry !== 'adjustment' && b.amount_cents <= 0) {
      return reply
        .status(400)
        .send({ error: { code: 'LF_VALIDATION', message: 'amount_cents must be positive' } })
    }
    if (
      (b.entry === 'payment' && b.account_kind !== 'buyer') ||
      (b.entry === 'payout' && b.account_kind !== 'source')
    ) {
      return reply.status(400).send({
        error: { code: 'LF_VALIDATION', message: 'A payment is from a buyer, a payout to a source' },
      })
    }
    const row = await money.ledger.record({
      accountKind: b.account_kind,
      accountId: b.account_id,
      entry: b.entry,
      amountCents: sign * b.amount_cents,
      memo: b.reason,
      bookedOn: b.booked_on,
    })
    return reply.status(201).send(row)
  })

  r.get(
    '/ledger/balances/:kind/:id',
    { schema: BALANCE_SCHEMA, config: needs('ledger:read') },
    async (request) => money.ledger.balance(request.params.kind, request.params.id),
  )
}
