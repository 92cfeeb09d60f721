import type { JobSpec } from '../ports.js'
import { notificationJob } from '../webhooks/webhook-events.js'
import type { IntakeDeps } from './intake-deps.js'
import type { LeadRecord } from './intake-store.js'

/**
 * `lead.accepted` / `lead.rejected` for webhooks (docs/webhooks.md, "Events"), stored with the
 * lead in its own transaction. Only when some endpoint subscribes (IntakeDeps.announces): most
 * deployments watch neither, and the intake hot path should not write a job per post for nobody.
 */
export async function intakeNotice(
  deps: IntakeDeps,
  type: 'lead.accepted' | 'lead.rejected',
  lead: LeadRecord,
  at: Date,
): Promise<((leadId: number) => JobSpec[]) | null> {
  if (!deps.announces || !(await deps.announces(type))) return null
  return (leadId) => [
    notificationJob(
      type,
      {
        lead_id: leadId,
        post_id: lead.postId,
        source_id: lead.sourceId,
        campaign_id: lead.campaignId,
        lead_type_id: lead.leadTypeId,
        status: lead.status,
        reason_code: lead.reason,
        reason: lead.rejectionReason,
      },
      { sourceId: lead.sourceId },
      at,
    ),
  ]
}

/** `jobs(leadId)` with the notice's jobs added, when there is one. */
export function withNotice(
  jobs: (leadId: number) => JobSpec[],
  notice: ((leadId: number) => JobSpec[]) | null,
): (leadId: number) => JobSpec[] {
  return notice ? (leadId) => [...jobs(leadId), ...notice(leadId)] : jobs
}
