import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { LeadFilter, LeadMatch } from '../core/leads/lead-browser.js'
import type { Database } from './schema.js'

type Leads = ExpressionBuilder<Database & { l: Database['leads'] }, 'l'>

/**
 * The search part of a lead filter, for any query over `leads as l` (the list, the export).
 * Each condition is one index lookup (migration 020): contacts by `lead_contacts_value`, PostID by
 * its unique index, reference by `leads_reference`, a buyer's sales by `sales_buyer`, a contract's
 * by `sales_contract`; the lead ids they give are then probed by primary key.
 */
export function leadSearchConditions(eb: Leads, filter: LeadFilter): Expression<SqlBool>[] {
  const out: Expression<SqlBool>[] = []
  for (const value of filter.contacts ?? []) out.push(eb('l.id', 'in', contactLeads(eb, [value])))
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
  if (filter.any) out.push(anyOf(eb, filter.any))
  return out
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

function contactLeads(eb: Leads, values: string[]) {
  return eb
    .selectFrom('lead_contacts')
    .select('lead_contacts.lead_id')
    .where('lead_contacts.value', 'in', values)
}

function anyOf(eb: Leads, match: LeadMatch): Expression<SqlBool> {
  const terms: Expression<SqlBool>[] = []
  if (match.contacts.length > 0) terms.push(eb('l.id', 'in', contactLeads(eb, match.contacts)))
  if (match.postIds.length > 0) terms.push(eb('l.post_id', 'in', match.postIds))
  if (match.references.length > 0) terms.push(eb('l.reference', 'in', match.references))
  if (match.ids.length > 0) terms.push(eb('l.id', 'in', match.ids))
  return terms.length > 0 ? eb.or(terms) : eb.lit(false)
}
