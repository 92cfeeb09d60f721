import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { MoneyServices } from '../../app/money-services.js'
import type { Statement } from '../../core/money/statements.js'
import { acceptJsonOnly } from '../../http/json-depth.js'
import { needs } from '../../http/route-permission.js'
import { adminSchema, ID } from './common-schemas.js'
import { sendCsv } from './csv-reply.js'
import { PERIOD } from './periods-routes.js'
import { statementHtml } from './statement-html.js'

const LINE = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    booked_on: { type: 'string' },
    created_at: { type: 'string' },
    entry: { type: 'string' },
    lead_id: { type: ['integer', 'null'] },
    sale_id: { type: ['integer', 'null'] },
    replacement: { type: 'boolean' },
    memo: { type: ['string', 'null'] },
    amount_cents: { type: 'integer' },
  },
} as const

export const STATEMENT = {
  type: 'object',
  properties: {
    account_kind: { type: 'string' },
    account_id: { type: 'integer' },
    account_name: { type: 'string' },
    period: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    closed: { type: 'boolean' },
    opening_balance_cents: { type: 'integer' },
    closing_balance_cents: { type: 'integer' },
    summary: { type: 'object', additionalProperties: { type: 'integer' } },
    lines: { type: 'array', items: LINE },
  },
} as const

const GET_STATEMENT = adminSchema(
  'statements',
  "A buyer's or a source's statement for one period: JSON, CSV or a printable HTML page",
  {
    params: {
      type: 'object',
      required: ['kind', 'id'],
      properties: { kind: { type: 'string', enum: ['buyer', 'source'] }, id: ID },
      additionalProperties: false,
    },
    querystring: {
      type: 'object',
      required: ['period'],
      properties: { period: PERIOD, format: { type: 'string', enum: ['json', 'csv', 'html'] } },
      additionalProperties: false,
    },
    response: { 200: STATEMENT },
  } as const,
)

const CSV_COLUMNS = ['row', 'booked_on', 'entry', 'lead_id', 'sale_id', 'memo', 'amount_cents'] as const

/** Opening balance, each summary figure, each line, closing balance — one CSV table. */
function csvRows(s: Statement): object[] {
  return [
    { row: 'opening_balance', booked_on: s.from, amount_cents: s.opening_balance_cents },
    ...Object.entries(s.summary).map(([k, v]) => ({ row: `summary:${k}`, amount_cents: v })),
    ...s.lines.map((l) => ({ row: 'line', ...l, entry: l.replacement ? 'replacement' : l.entry })),
    { row: 'closing_balance', booked_on: s.to, amount_cents: s.closing_balance_cents },
  ]
}

/** HTML bypasses the JSON response schema, like CSV (an untyped reply). */
function sendHtml(reply: FastifyReply, html: string) {
  return reply.type('text/html; charset=utf-8').send(html)
}

function wanted(format: string | undefined, accept: string | undefined): 'json' | 'csv' | 'html' {
  if (format === 'json' || format === 'csv' || format === 'html') return format
  if (/\btext\/csv\b/.test(accept ?? '')) return 'csv'
  if (/\btext\/html\b/.test(accept ?? '')) return 'html'
  return 'json'
}

export interface StatementsRoutesOptions {
  money: Pick<MoneyServices, 'statements'>
}

/** Buyer and source statements (docs/reports.md, "Statements"). */
export async function statementsRoutes(
  app: FastifyInstance,
  { money }: StatementsRoutesOptions,
): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  acceptJsonOnly(app)
  r.get(
    '/statements/:kind/:id',
    { schema: GET_STATEMENT, config: needs('statements:read') },
    async (request, reply) => {
      const { kind, id } = request.params
      const s = await money.statements.statement(kind, id, request.query.period)
      return sendStatement(reply, s, request.query.format, request.headers.accept)
    },
  )
}

/** A statement as JSON, CSV or printable HTML, as `format` or the Accept header asks (the portals reuse it). */
export function sendStatement(
  reply: FastifyReply,
  s: Statement,
  format: string | undefined,
  accept: string | undefined,
) {
  const as = wanted(format, accept)
  const name = `${s.account_kind}-${s.account_id}-${s.period}`
  if (as === 'csv') return sendCsv(reply, `${name}.csv`, CSV_COLUMNS, [csvRows(s)])
  if (as === 'html') return sendHtml(reply, statementHtml(s))
  return s
}
