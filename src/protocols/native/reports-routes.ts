import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance } from 'fastify'
import type { MoneyServices } from '../../app/money-services.js'
import { MAX_MINUTES } from '../../core/reports/post-rate.js'
import type { ReportFilter } from '../../core/reports/report-query.js'
import { needs } from '../../http/route-permission.js'
import { adminSchema, ID } from './common-schemas.js'
import { sendCsv, sendJsonStream, wantsCsv } from './csv-reply.js'
import { LEAD_SEARCH } from './lead-schemas.js'
import {
  BID_BODY,
  BID_COLUMNS,
  BID_QUERY,
  CAP_PACING_BODY,
  CAP_PACING_COLUMNS,
  CAP_PACING_QUERY,
  DELIVERY_HEALTH_BODY,
  DELIVERY_HEALTH_COLUMNS,
  DELIVERY_HEALTH_QUERY,
} from './ops-report-schemas.js'
import { FORMAT, REPORT_BODY, REPORT_COLUMNS, REPORT_QUERY } from './report-schemas.js'

const PNL = adminSchema('reports', 'Funnel and P&L by time bucket and dimensions (docs/reports.md)', {
  querystring: REPORT_QUERY,
  response: { 200: REPORT_BODY },
} as const)

const CAP_PACING = adminSchema(
  'reports',
  'Every active contract and source cap: its current window, used against the cap (docs/reports.md)',
  { querystring: CAP_PACING_QUERY, response: { 200: CAP_PACING_BODY } } as const,
)

const BIDS = adminSchema('reports', 'Pings, bids, wins and bid prices per buyer (docs/reports.md)', {
  querystring: BID_QUERY,
  response: { 200: BID_BODY },
} as const)

const DELIVERY_HEALTH = adminSchema(
  'reports',
  'Delivery attempts, outcomes, errors by cause and latency percentiles per contract (docs/reports.md)',
  { querystring: DELIVERY_HEALTH_QUERY, response: { 200: DELIVERY_HEALTH_BODY } } as const,
)

const POSTS_PER_MINUTE = adminSchema(
  'reports',
  'Posts received per UTC minute, with how many of them sold or were rejected (docs/reports.md)',
  {
    querystring: {
      type: 'object',
      properties: {
        minutes: { type: 'integer', minimum: 1, maximum: MAX_MINUTES, default: 60 },
        include_test: { type: 'boolean', default: false },
      },
      additionalProperties: false,
    },
    response: {
      200: {
        type: 'object',
        properties: {
          from: { type: 'string', format: 'date-time' },
          to: { type: 'string', format: 'date-time' },
          minutes: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                minute: { type: 'string', format: 'date-time' },
                posts: { type: 'integer' },
                sold: { type: 'integer' },
                rejected: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  } as const,
)

const LEAD_STATUSES = [
  'received',
  'queued',
  'pending_qc',
  'accepted',
  'sold',
  'unsold',
  'rejected',
  'returned',
]

const LEAD_EXPORT = adminSchema('reports', 'The filtered lead list, streamed as CSV or JSON', {
  querystring: {
    type: 'object',
    properties: {
      from: { type: 'string', format: 'date-time' },
      to: { type: 'string', format: 'date-time' },
      vid: ID,
      lid: ID,
      status: { type: 'string', enum: LEAD_STATUSES },
      ...LEAD_SEARCH,
      format: FORMAT,
    },
    additionalProperties: false,
  },
  response: { 200: { description: 'CSV rows, or { items: [...] } as JSON', type: 'string' } },
} as const)

const LEAD_COLUMNS = [
  'id',
  'post_id',
  'status',
  'response_type',
  'source_id',
  'campaign_id',
  'lead_type_id',
  'reference',
  'price_cents',
  'cost_cents',
  'is_test',
  'received_at',
  'processed_at',
]

export interface ReportsRoutesOptions {
  money: Pick<MoneyServices, 'reports' | 'opsReports' | 'postRate' | 'leadExport'>
}

const REPORTS_READ = needs('reports:read')

/** Reports and exports of the native API (docs/reports.md). */
export async function reportsRoutes(app: FastifyInstance, { money }: ReportsRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()

  r.get('/reports/pnl', { schema: PNL, config: REPORTS_READ }, async (request, reply) => {
    const q = request.query
    const filter: ReportFilter = {
      source: q.source_id,
      campaign: q.campaign_id,
      lead_type: q.lead_type_id,
      buyer: q.buyer_id,
      contract: q.contract_id,
    }
    const report = await money.reports.run({
      from: q.from,
      to: q.to,
      timeZone: q.time_zone,
      bucket: q.bucket,
      groupBy: q.group_by,
      filter,
      includeTest: q.include_test,
    })
    if (!wantsCsv(request)) return report
    const dims = report.group_by.flatMap((d) =>
      d === 'reason' || d === 'state' ? [d] : [`${d}_id`, `${d}_name`],
    )
    const [bucket, start, ...measures] = REPORT_COLUMNS
    return sendCsv(
      reply,
      'report.csv',
      [bucket as string, start as string, ...dims, ...measures],
      [report.rows],
    )
  })

  r.get('/reports/cap-pacing', { schema: CAP_PACING, config: REPORTS_READ }, async (request, reply) => {
    const report = await money.opsReports.capPacing()
    if (!wantsCsv(request)) return report
    return sendCsv(reply, 'cap-pacing.csv', CAP_PACING_COLUMNS, [report.rows])
  })

  r.get('/reports/bids', { schema: BIDS, config: REPORTS_READ }, async (request, reply) => {
    const q = request.query
    const report = await money.opsReports.bids({ from: q.from, to: q.to, buyerId: q.buyer_id })
    if (!wantsCsv(request)) return report
    return sendCsv(reply, 'bids.csv', BID_COLUMNS, [report.rows])
  })

  r.get(
    '/reports/delivery-health',
    { schema: DELIVERY_HEALTH, config: REPORTS_READ },
    async (request, reply) => {
      const q = request.query
      const report = await money.opsReports.deliveryHealth({
        from: q.from,
        to: q.to,
        contractId: q.contract_id,
      })
      if (!wantsCsv(request)) return report
      return sendCsv(reply, 'delivery-health.csv', DELIVERY_HEALTH_COLUMNS, [report.rows])
    },
  )

  r.get('/reports/posts-per-minute', { schema: POSTS_PER_MINUTE, config: REPORTS_READ }, (request) =>
    money.postRate.perMinute({ minutes: request.query.minutes, includeTest: request.query.include_test }),
  )

  r.get('/exports/leads', { schema: LEAD_EXPORT, config: REPORTS_READ }, async (request, reply) => {
    const { format: _format, ...search } = request.query
    const batches = money.leadExport.batches(search)
    if (wantsCsv(request)) return sendCsv(reply, 'leads.csv', LEAD_COLUMNS, batches)
    return sendJsonStream(reply, batches)
  })
}
