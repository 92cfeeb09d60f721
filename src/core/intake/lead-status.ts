/** What the status endpoints show of a post over its life (seed 003, "Status URL"). */
export interface LeadStatusView {
  postId: string
  leadId: number
  status: string
  rejectionReason: string | null
  campaignId: number
  receivedAt: string
  pendingQc: boolean
  qcReviewedAt: string | null
  qcRejected: boolean
  qcReason: string | null
  returnedAt: string | null
  returnReason: string | null
  /** What the source earns, cents. */
  priceCents: number
}

/** Accepted means decided and not refused; a queued post is not valid (yet). */
export function isValidStatus(status: string): boolean {
  return status !== 'rejected' && status !== 'queued'
}
