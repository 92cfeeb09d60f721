import type { Kysely } from 'kysely'
import type { LeadStatusView } from '../core/intake/lead-status.js'
import { safeObject } from '../core/intake/source-settings.js'
import type { Database } from './schema.js'

/**
 * A post's current state for the status endpoints: the lead row by its unique post_id, its
 * campaign's aid, and its newest return that was not refused.
 */
export async function findLeadStatus(
  db: Kysely<Database>,
  postId: string,
): Promise<LeadStatusView | undefined> {
  const lead = await db
    .selectFrom('leads')
    .leftJoin('campaigns', 'campaigns.id', 'leads.campaign_id')
    .select([
      'leads.id',
      'leads.post_id',
      'leads.status',
      'leads.rejection_reason',
      'leads.received_at',
      'leads.pending_qc',
      'leads.qc_reviewed_at',
      'leads.qc_rejected',
      'leads.qc_reason',
      'leads.cost_cents',
      'leads.outcome_json',
      'campaigns.aid',
    ])
    .where('leads.post_id', '=', postId)
    .executeTakeFirst()
  if (!lead) return undefined
  const returned = await db
    .selectFrom('returns')
    .select(['created_at', 'reason'])
    .where('lead_id', '=', lead.id)
    .where('status', '!=', 'rejected')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  const outcome = safeObject(lead.outcome_json)
  return {
    postId: lead.post_id,
    leadId: lead.id,
    status: lead.status,
    rejectionReason: lead.rejection_reason,
    campaignId: lead.aid ?? 0,
    receivedAt: lead.received_at,
    pendingQc: lead.pending_qc === 1,
    qcReviewedAt: lead.qc_reviewed_at,
    qcRejected: lead.qc_rejected === 1,
    qcReason: lead.qc_reason,
    returnedAt: returned?.created_at ?? null,
    returnReason: returned?.reason ?? null,
    priceCents: Number(lead.cost_cents) || (Number.isInteger(outcome.priceCents) ? outcome.priceCents : 0),
  }
}
