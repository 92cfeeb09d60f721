import { randomUUID } from 'node:crypto'
import { DEMO } from '../../src/app/demo/demo-ids.js'
import { newEventId } from '../../src/core/events/event-id.js'
import type { TestHandle as Leadflow } from './test-app.js'

export type DemoBuyer = keyof typeof DEMO.buyers

export interface SoldLead {
  leadId: number
  postId: string
  saleId: number
  /** The event id the buyer received with the lead (LeadConduit feedback `event_id`). */
  eventId: string
  contractId: number
  buyerId: number
  priceCents: number
}

export interface SellOptions {
  buyer?: DemoBuyer
  soldAt?: Date
  costCents?: number
  /** Sell an existing lead (a multi-sold lead) instead of creating one. */
  leadId?: number
}

/**
 * A lead sold to a demo buyer, written directly (lead, sale event, sale, ledger rows) the way the
 * distributor records a sale, so feedback tests do not depend on the distribution engine.
 */
export async function sellDemoLead(lf: Leadflow, options: SellOptions = {}): Promise<SoldLead> {
  const buyerName = DEMO.buyers[options.buyer ?? 'acme'].name
  const at = (options.soldAt ?? lf.clock.now()).toISOString()
  const contract = await lf.db
    .selectFrom('contracts as c')
    .innerJoin('buyers as b', 'b.id', 'c.buyer_id')
    .select(['c.id', 'c.buyer_id', 'c.price_cents', 'c.lead_type_id'])
    .where('b.name', '=', buyerName)
    .executeTakeFirstOrThrow()
  const source = await lf.db
    .selectFrom('sources')
    .select('id')
    .where('vid', '=', DEMO.source.vid)
    .executeTakeFirstOrThrow()
  const leadId =
    options.leadId ?? (await insertLead(lf, source.id, contract.lead_type_id, options.costCents ?? 1000, at))
  const eventId = newEventId()
  await lf.db
    .insertInto('events')
    .values({
      id: eventId,
      lead_id: leadId,
      kind: 'sale',
      step: 'post',
      contract_id: contract.id,
      buyer_id: contract.buyer_id,
      source_id: source.id,
      outcome: 'success',
      started_at: at,
    })
    .execute()
  const sale = await lf.db
    .insertInto('sales')
    .values({
      lead_id: leadId,
      contract_id: contract.id,
      buyer_id: contract.buyer_id,
      event_id: eventId,
      price_cents: contract.price_cents,
      state: 'sold',
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await lf.db
    .insertInto('ledger')
    .values({
      account_kind: 'buyer',
      account_id: contract.buyer_id,
      lead_id: leadId,
      sale_id: sale.id,
      entry: 'sale',
      amount_cents: contract.price_cents,
      created_at: at,
    })
    .execute()
  const lead = await lf.db
    .selectFrom('leads')
    .select('post_id')
    .where('id', '=', leadId)
    .executeTakeFirstOrThrow()
  return {
    leadId,
    postId: lead.post_id,
    saleId: sale.id,
    eventId,
    contractId: contract.id,
    buyerId: contract.buyer_id,
    priceCents: Number(contract.price_cents),
  }
}

async function insertLead(lf: Leadflow, sourceId: number, leadTypeId: number, costCents: number, at: string) {
  const row = await lf.db
    .insertInto('leads')
    .values({
      post_id: randomUUID(),
      source_id: sourceId,
      lead_type_id: leadTypeId,
      status: 'sold',
      mode: 'general',
      raw_json: '{}',
      fields_json: JSON.stringify({ Email: 'jane@example.com', Phone: '+15555550100', Zip: '10001' }),
      price_cents: 0,
      cost_cents: costCents,
      no_sell: 0,
      pending_qc: 0,
      qc_rejected: 0,
      is_test: 0,
      received_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
