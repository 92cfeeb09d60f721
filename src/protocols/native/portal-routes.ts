import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { PortalServices } from '../../app/portal-services.js'
import { auditContextOf } from '../../core/accounts/caller.js'
import { buyerOf, sourceOf } from '../../core/portal/partner-of.js'
import type { BoughtLead } from '../../core/portal/portal-store.js'
import { needs } from '../../http/route-permission.js'
import { stripNulFromRequest } from '../strip-nul.js'
import { sendCsv } from './csv-reply.js'
import * as s from './portal-schemas.js'
import { sendStatement } from './statements-routes.js'

export interface PortalRoutesOptions {
  portal: PortalServices
  nudge: () => void
}

const buyer = needs('portal:buyer')
const seller = needs('portal:seller')
const audit = (request: FastifyRequest) => auditContextOf(request.caller ?? undefined, request.ip)

const EXPORT_COLUMNS = [
  'sale_id',
  'lead_id',
  'event_id',
  'sold_at',
  'price_cents',
  'state',
  'contract_name',
  'return_status',
]

/** One CSV row: the sale's columns, then each field by name. */
function csvRow(lead: BoughtLead): Record<string, unknown> {
  return { ...lead.fields, ...lead, fields: undefined }
}

/**
 * The partner portals (docs/portals.md). Every route takes the partner from the signed-in caller
 * (its buyer_id / source_id), never from the URL: another partner's record is simply not found.
 */
export async function portalRoutes(app: FastifyInstance, { portal, nudge }: PortalRoutesOptions) {
  const r = app.withTypeProvider<JsonSchemaToTsProvider>()
  r.addHook('preValidation', stripNulFromRequest)

  r.get('/portal/buyer/leads', { config: buyer, schema: s.BUYER_LEADS }, async (request) =>
    portal.buyer.leads(buyerOf(request.caller), request.query.limit ?? 50, request.query.before ?? null),
  )
  r.get('/portal/buyer/leads/export', { config: buyer, schema: s.BUYER_EXPORT }, async (request, reply) => {
    const { fields, batches } = await portal.buyer.exportLeads(buyerOf(request.caller))
    const rows = (async function* () {
      for await (const batch of batches) yield batch.map(csvRow)
    })()
    return sendCsv(reply, 'leads.csv', [...EXPORT_COLUMNS, ...fields], rows)
  })
  r.get('/portal/buyer/leads/:leadId', { config: buyer, schema: s.BUYER_LEAD }, async (request) =>
    portal.buyer.lead(buyerOf(request.caller), request.params.leadId),
  )
  r.post('/portal/buyer/leads/:leadId/return', { config: buyer, schema: s.BUYER_RETURN }, async (request) => {
    const answer = await portal.buyer.feedback(
      buyerOf(request.caller),
      request.params.leadId,
      'return',
      request.body.reason,
    )
    nudge()
    return answer
  })
  r.post(
    '/portal/buyer/leads/:leadId/conversion',
    { config: buyer, schema: s.BUYER_CONVERSION },
    async (request) => {
      const answer = await portal.buyer.feedback(
        buyerOf(request.caller),
        request.params.leadId,
        'conversion',
        request.body?.reason ?? '',
      )
      nudge()
      return answer
    },
  )
  r.get('/portal/buyer/conversions', { config: buyer, schema: s.BUYER_CONVERSIONS }, async (request) => ({
    items: await portal.buyer.conversions(buyerOf(request.caller), request.query.limit ?? 100),
  }))
  r.get('/portal/buyer/statement', { config: buyer, schema: s.BUYER_STATEMENT }, async (request, reply) => {
    const statement = await portal.buyer.statement(buyerOf(request.caller), request.query.period)
    return sendStatement(reply, statement, request.query.format, request.headers.accept)
  })
  r.get('/portal/buyer/balance', { config: buyer, schema: s.BUYER_BALANCE }, async (request) =>
    portal.buyer.balance(buyerOf(request.caller)),
  )
  r.get('/portal/buyer/contracts', { config: buyer, schema: s.BUYER_CONTRACTS }, async (request) =>
    portal.buyer.contracts(buyerOf(request.caller)),
  )
  for (const [action, to] of [
    ['pause', 'off'],
    ['resume', 'active'],
  ] as const) {
    r.post(
      `/portal/buyer/contracts/:id/${action}`,
      { config: buyer, schema: s.BUYER_SWITCH(action === 'pause' ? 'Pause' : 'Resume') },
      async (request) =>
        portal.buyer.switchContract(buyerOf(request.caller), request.params.id, to, audit(request)),
    )
  }

  r.get('/portal/seller/leads', { config: seller, schema: s.SELLER_LEADS }, async (request) =>
    portal.seller.leads(sourceOf(request.caller), request.query.limit ?? 50, request.query.before ?? null),
  )
  r.get('/portal/seller/rates', { config: seller, schema: s.SELLER_RATES }, async (request) =>
    portal.seller.rates(sourceOf(request.caller), request.query.days ?? 30),
  )
  r.get(
    '/portal/seller/statement',
    { config: seller, schema: s.SELLER_STATEMENT },
    async (request, reply) => {
      const statement = await portal.seller.statement(sourceOf(request.caller), request.query.period)
      return sendStatement(reply, statement, request.query.format, request.headers.accept)
    },
  )
  r.get(
    '/portal/seller/posting-instructions',
    { config: seller, schema: s.SELLER_INSTRUCTIONS },
    async (request) => portal.seller.instructions(sourceOf(request.caller)),
  )
}
