import type { Kysely } from 'kysely'
import type { LeadFilter } from '../core/leads/lead-browser.js'
import type { ExportedLead } from '../core/reports/lead-export.js'
import { leadSearchConditions, resolveSearch, searches } from './lead-search.js'
import type { Database } from './schema.js'

/**
 * The filtered lead list (the filters of lead-listing.ts) in batches of `batch`, newest first,
 * keyset on (received_at, id) so each batch is one index range read of leads_received and the
 * export never holds more than one batch, whatever the number of leads.
 */
export async function* leadBatches(
  db: Kysely<Database>,
  filter: LeadFilter,
  batch = 1000,
): AsyncGenerator<ExportedLead[]> {
  const search = await resolveSearch(db, filter)
  let after: { at: string; id: number } | undefined
  for (;;) {
    let q = db
      .selectFrom('leads as l')
      .select([
        'l.id',
        'l.post_id',
        'l.status',
        'l.response_type',
        'l.source_id',
        'l.campaign_id',
        'l.lead_type_id',
        'l.reference',
        'l.price_cents',
        'l.cost_cents',
        'l.is_test',
        'l.received_at',
        'l.processed_at',
      ])
      .orderBy('l.received_at', 'desc')
      .orderBy('l.id', 'desc')
      .limit(batch)
    if (filter.from) q = q.where('l.received_at', '>=', filter.from)
    if (filter.to) q = q.where('l.received_at', '<', filter.to)
    if (filter.status) q = q.where('l.status', '=', filter.status)
    if (filter.vid !== undefined)
      q = q.where('l.source_id', 'in', db.selectFrom('sources').select('id').where('vid', '=', filter.vid))
    if (filter.lid !== undefined)
      q = q.where(
        'l.lead_type_id',
        'in',
        db.selectFrom('lead_types').select('id').where('lid', '=', filter.lid),
      )
    if (searches(filter)) q = q.where((eb) => eb.and(leadSearchConditions(eb as never, search)))
    const cursor = after
    if (cursor)
      q = q.where((eb) =>
        eb.or([
          eb('l.received_at', '<', cursor.at),
          eb.and([eb('l.received_at', '=', cursor.at), eb('l.id', '<', cursor.id)]),
        ]),
      )
    const rows = await q.execute()
    if (rows.length === 0) return
    yield rows.map((r) => ({ ...r, price_cents: Number(r.price_cents), cost_cents: Number(r.cost_cents) }))
    const last = rows[rows.length - 1]
    if (!last || rows.length < batch) return
    after = { at: last.received_at, id: last.id }
  }
}
