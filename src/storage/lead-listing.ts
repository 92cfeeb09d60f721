import { type Kysely, sql } from 'kysely'
import { LeadflowError } from '../core/errors.js'
import type { LeadFilter, LeadPage, LeadQueries, LeadSummary } from '../core/leads/lead-browser.js'
import { getLeadDetail } from './lead-detail.js'
import { leadSearchConditions, type ResolvedSearch, resolveSearch, searches } from './lead-search.js'
import type { Database } from './schema.js'

export type { LeadFilter, LeadPage, LeadSummary }

/** The cursor is the last row's sort key, (received_at, id), so pages never skip or repeat a lead. */
export function encodeCursor(receivedAt: string, id: number): string {
  return Buffer.from(`${receivedAt}|${id}`).toString('base64url')
}

export function decodeCursor(cursor: string): { at: string; id: number } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  if (!at || !id || !/^\d+$/.test(id) || Number.isNaN(Date.parse(at))) {
    throw new LeadflowError('LF_BAD_REQUEST', 'cursor is not one this API returned')
  }
  return { at, id: Number(id) }
}

function filtered(db: Kysely<Database>, search: ResolvedSearch) {
  const { filter } = search
  let query = db
    .selectFrom('leads as l')
    .leftJoin('sources as s', 's.id', 'l.source_id')
    .leftJoin('campaigns as c', 'c.id', 'l.campaign_id')
    .leftJoin('lead_types as t', 't.id', 'l.lead_type_id')
  if (filter.from) query = query.where('l.received_at', '>=', filter.from)
  if (filter.to) query = query.where('l.received_at', '<', filter.to)
  if (filter.vid !== undefined) query = query.where('s.vid', '=', filter.vid)
  if (filter.lid !== undefined) query = query.where('t.lid', '=', filter.lid)
  if (filter.status) query = query.where('l.status', '=', filter.status)
  if (!searches(filter)) return query
  return query.where((eb) => eb.and(leadSearchConditions(eb as never, search)))
}

/**
 * Newest first, keyset-paginated on (received_at, id): the leads_received index serves the
 * order, and a page costs the same at the millionth lead as at the first (no OFFSET scan).
 * `total` counts every match of the filter, ignoring the cursor.
 */
export async function listLeads(
  db: Kysely<Database>,
  filter: LeadFilter,
  limit: number,
  cursor?: string,
): Promise<LeadPage> {
  const search = await resolveSearch(db, filter)
  let query = filtered(db, search)
    .select([
      'l.id',
      'l.post_id',
      'l.status',
      'l.response_type',
      'l.mode',
      'l.reference',
      'l.source_id',
      's.vid',
      'l.campaign_id',
      'c.aid',
      'l.lead_type_id',
      't.lid',
      'l.price_cents',
      'l.cost_cents',
      'l.is_test',
      'l.received_at',
      'l.processed_at',
    ])
    .orderBy('l.received_at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit + 1)
  if (cursor) {
    const after = decodeCursor(cursor)
    query = query.where((eb) =>
      eb.or([
        eb('l.received_at', '<', after.at),
        eb.and([eb('l.received_at', '=', after.at), eb('l.id', '<', after.id)]),
      ]),
    )
  }
  const rows = await query.execute()
  const count = await filtered(db, search).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return {
    items: page.map((row) => ({
      ...row,
      vid: row.vid ?? null,
      aid: row.aid ?? null,
      lid: row.lid ?? null,
      price_cents: Number(row.price_cents),
      price: Number(row.price_cents) / 100,
      cost_cents: Number(row.cost_cents),
      cost: Number(row.cost_cents) / 100,
      is_test: row.is_test === 1,
    })),
    total: Number(count.n),
    next_cursor: rows.length > limit && last ? encodeCursor(last.received_at, last.id) : null,
  }
}

/** The LeadQueries port (core/leads/lead-browser.ts) over one database. */
export function createLeadQueries(db: Kysely<Database>): LeadQueries {
  return {
    list: (filter, limit, cursor) => listLeads(db, filter, limit, cursor),
    detail: (id) => getLeadDetail(db, id),
  }
}
