import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely'
import type { LeadFilter, LeadMatch } from '../core/leads/lead-browser.js'
import type { Database } from './schema.js'

type Leads = ExpressionBuilder<Database & { l: Database['leads'] }, 'l'>

/** More leads than one consumer ever has: a contact listed on more is searched by its first ones. */
const MAX_CONTACT_LEADS = 1000

/** A filter whose emails and phones are already looked up as the lead ids that carry them. */
export interface ResolvedSearch {
  filter: LeadFilter
  /** One list per `filter.contacts` entry (each must hold). */
  contactIds: number[][]
  /** The leads carrying any of `filter.any.contacts`. */
  anyContactIds: number[]
}

/**
 * Looks emails and phones up in `lead_contacts` first (one covering-index read each), so the
 * lead query gets plain id lists. Inside an OR, PostgreSQL runs `id IN (subquery)` as a filter
 * over every lead; `id = ANY(list)` joins the other terms in one bitmap OR of index scans.
 */
export async function resolveSearch(db: Kysely<Database>, filter: LeadFilter): Promise<ResolvedSearch> {
  const contactIds = await Promise.all((filter.contacts ?? []).map((c) => leadsCarrying(db, [c])))
  const anyContacts = filter.any?.contacts ?? []
  const anyContactIds = anyContacts.length > 0 ? await leadsCarrying(db, anyContacts) : []
  return { filter, contactIds, anyContactIds }
}

async function leadsCarrying(db: Kysely<Database>, values: string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('lead_contacts')
    .select('lead_id')
    .distinct()
    .where('value', 'in', values)
    .orderBy('lead_id', 'desc')
    .limit(MAX_CONTACT_LEADS)
    .execute()
  return rows.map((r) => r.lead_id)
}

/** True when the filter has a search condition (an empty `and` is not written). */
export function searches(filter: LeadFilter): boolean {
  return (
    (filter.contacts?.length ?? 0) > 0 ||
    filter.postId !== undefined ||
    filter.reference !== undefined ||
    filter.buyerId !== undefined ||
    filter.contractId !== undefined ||
    filter.any !== undefined
  )
}

/**
 * The search part of a lead filter, for any query over `leads as l` (the list, the export).
 * Each condition is an index lookup (migration 020): contacts resolved to ids by
 * `lead_contacts_value`, PostID by its unique index, reference by `leads_reference`, a buyer's
 * sales by `sales_buyer`, a contract's by `sales_contract`; ids are probed by primary key.
 */
export function leadSearchConditions(eb: Leads, search: ResolvedSearch): Expression<SqlBool>[] {
  const { filter } = search
  const out: Expression<SqlBool>[] = search.contactIds.map((ids) => idIn(eb, ids))
  if (filter.postId !== undefined) out.push(eb('l.post_id', '=', filter.postId))
  if (filter.reference !== undefined) out.push(eb('l.reference', '=', filter.reference))
  if (filter.buyerId !== undefined)
    out.push(
      eb(
        'l.id',
        'in',
        eb.selectFrom('sales').select('sales.lead_id').where('sales.buyer_id', '=', filter.buyerId),
      ),
    )
  if (filter.contractId !== undefined)
    out.push(
      eb(
        'l.id',
        'in',
        eb.selectFrom('sales').select('sales.lead_id').where('sales.contract_id', '=', filter.contractId),
      ),
    )
  if (filter.any) out.push(anyOf(eb, filter.any, search.anyContactIds))
  return out
}

function idIn(eb: Leads, ids: number[]): Expression<SqlBool> {
  return ids.length > 0 ? eb('l.id', 'in', ids) : eb.lit(false)
}

function anyOf(eb: Leads, match: LeadMatch, contactIds: number[]): Expression<SqlBool> {
  const ids = [...new Set([...contactIds, ...match.ids])]
  const terms: Expression<SqlBool>[] = []
  if (ids.length > 0) terms.push(eb('l.id', 'in', ids))
  if (match.postIds.length > 0) terms.push(eb('l.post_id', 'in', match.postIds))
  if (match.references.length > 0) terms.push(eb('l.reference', 'in', match.references))
  return terms.length > 0 ? eb.or(terms) : eb.lit(false)
}
