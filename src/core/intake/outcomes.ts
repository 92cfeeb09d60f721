import type { DistributionOutcome } from '../distribution/distributor.js'
import type { IntakeOutcome } from './intake-command.js'
import type { PostRef } from './lead-record.js'
import type { Rejection } from './rejection.js'

export const ACCEPTED_DETAIL = 'Lead was accepted'

/** A refusal: lead id 0 and no campaign, whatever was stored (docs/compat.md). */
export function rejectedOutcome(
  post: Pick<PostRef, 'postId' | 'receivedAt'>,
  r: Rejection,
  stored = true,
): IntakeOutcome {
  return {
    postId: post.postId,
    leadId: 0,
    isValid: false,
    reason: r.reason,
    detail: r.detail,
    campaignId: 0,
    pendingQc: false,
    priceCents: 0,
    redirectUrl: '',
    sends: [],
    receivedAt: post.receivedAt,
    stored,
  }
}

export function acceptedOutcome(
  post: Pick<PostRef, 'postId' | 'receivedAt'>,
  leadId: number,
  campaignId: number,
  pendingQc: boolean,
): IntakeOutcome {
  return {
    postId: post.postId,
    leadId,
    isValid: true,
    reason: 'accepted',
    detail: ACCEPTED_DETAIL,
    campaignId,
    pendingQc,
    priceCents: 0,
    redirectUrl: '',
    sends: [],
    receivedAt: post.receivedAt,
    stored: true,
  }
}

/** The source sees its own price (price less margin), the buyers' redirect and the sends. */
export function withDistribution(base: IntakeOutcome, d: DistributionOutcome): IntakeOutcome {
  return { ...base, priceCents: d.sourcePriceCents, redirectUrl: d.redirectUrl, sends: d.sends }
}
