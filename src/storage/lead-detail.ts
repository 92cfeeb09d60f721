import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

const cents = (value: number | string | null) => (value === null ? null : Number(value))
const decimal = (value: number | string | null) => (value === null ? null : Number(value) / 100)

function json(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** A lead with everything that happened to it, for `GET /api/v1/leads/:id` (admins only). */
export async function getLeadDetail(db: Kysely<Database>, id: number) {
  const lead = await db
    .selectFrom('leads as l')
    .leftJoin('sources as s', 's.id', 'l.source_id')
    .leftJoin('campaigns as c', 'c.id', 'l.campaign_id')
    .leftJoin('lead_types as t', 't.id', 'l.lead_type_id')
    .selectAll('l')
    .select(['s.vid', 's.name as source_name', 'c.aid', 't.lid', 't.name as lead_type_name'])
    .where('l.id', '=', id)
    .executeTakeFirst()
  if (!lead) return undefined
  const [events, sales, returns, conversions, compliance, offers] = await Promise.all([
    leadEvents(db, id),
    leadSales(db, id),
    db
      .selectFrom('returns')
      .selectAll()
      .where('lead_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('conversions')
      .selectAll()
      .where('lead_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('lead_compliance').selectAll().where('lead_id', '=', id).orderBy('check_name').execute(),
    db.selectFrom('lead_offers').selectAll().where('lead_id', '=', id).executeTakeFirst(),
  ])
  const {
    raw_json,
    fields_json,
    consent_json,
    outcome_json,
    vid,
    aid,
    lid,
    source_name,
    lead_type_name,
    ...rest
  } = lead
  return {
    ...rest,
    source: lead.source_id === null ? null : { id: lead.source_id, vid, name: source_name },
    campaign: lead.campaign_id === null ? null : { id: lead.campaign_id, aid },
    lead_type: lead.lead_type_id === null ? null : { id: lead.lead_type_id, lid, name: lead_type_name },
    fields: json(fields_json),
    raw: json(raw_json),
    consent: json(consent_json),
    outcome: json(outcome_json),
    price_cents: cents(lead.price_cents),
    price: decimal(lead.price_cents),
    cost_cents: cents(lead.cost_cents),
    cost: decimal(lead.cost_cents),
    no_sell: lead.no_sell === 1,
    pending_qc: lead.pending_qc === 1,
    qc_rejected: lead.qc_rejected === 1,
    is_test: lead.is_test === 1,
    events,
    sales,
    returns,
    conversions: conversions.map((c) => ({
      ...c,
      amount_cents: cents(c.amount_cents),
      amount: decimal(c.amount_cents),
    })),
    // docs/compliance.md: one result per check; docs/distribution.md "Re-distribution": the offer counter.
    compliance: compliance.map(({ check_name, data_json, lead_id: _l, ...row }) => ({
      check: check_name,
      ...row,
      data: json(data_json),
    })),
    redistribution: offers
      ? {
          attempts: offers.attempts,
          last_offered_at: offers.last_offered_at,
          last_outcome: offers.last_outcome,
        }
      : null,
  }
}

/** Events in the order they happened; the id breaks ties between steps started the same millisecond. */
async function leadEvents(db: Kysely<Database>, leadId: number) {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('lead_id', '=', leadId)
    .orderBy('started_at')
    .orderBy('id')
    .execute()
  return rows.map(({ request_json, response_json, data_json, ...event }) => ({
    ...event,
    request: json(request_json),
    response: json(response_json),
    data: json(data_json),
  }))
}

/** Each sale carries `event_id`: the id its buyer received, which LeadConduit feedback quotes back. */
async function leadSales(db: Kysely<Database>, leadId: number) {
  const rows = await db
    .selectFrom('sales as x')
    .leftJoin('buyers as b', 'b.id', 'x.buyer_id')
    .leftJoin('contracts as c', 'c.id', 'x.contract_id')
    .selectAll('x')
    .select(['b.name as buyer_name', 'c.name as contract_name'])
    .where('x.lead_id', '=', leadId)
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute()
  return rows.map((sale) => ({
    ...sale,
    price_cents: Number(sale.price_cents),
    price: Number(sale.price_cents) / 100,
  }))
}
