import type { JobSpec } from '../ports.js'
import type { SaleContext } from './feedback-store.js'

export const FEEDBACK_POSTBACK_TASK = 'feedback.postback'

/** What a source's postback URL receives (docs/returns.md, "Postbacks to sources"). */
export interface PostbackBody {
  type: 'return' | 'conversion'
  /** Return status (pending | credited | replaced | rejected) or `converted`. */
  status: string
  lead_id: number
  post_id: string
  reference: string | null
  reason: string | null
  event_id: string
  occurred_at: string
}

export interface PostbackPayload {
  url: string
  leadId: number
  sourceId: number | null
  body: PostbackBody
}

/**
 * A retried job that forwards accepted feedback to the source (issue 5: "accepted ones can be
 * forwarded to the source (a per-source postback URL, retried)"). Keyed by the feedback event id,
 * so a retried request never queues the same postback twice. Buyer identities are not sent:
 * sources see only their own leads (DESIGN.md, Security and data).
 */
export function postbackJobs(
  sale: SaleContext,
  body: Omit<PostbackBody, 'lead_id' | 'post_id' | 'reference'>,
): JobSpec[] {
  const url = sale.source.postbackUrl
  if (!url) return []
  const payload: PostbackPayload = {
    url,
    leadId: sale.leadId,
    sourceId: sale.sourceId,
    body: { ...body, lead_id: sale.leadId, post_id: sale.postId, reference: sale.reference },
  }
  return [
    { task: FEEDBACK_POSTBACK_TASK, payload, options: { key: `postback:${body.event_id}`, maxAttempts: 8 } },
  ]
}
