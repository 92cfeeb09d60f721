import { isValidStatus, type LeadStatusView } from '../../core/intake/lead-status.js'
import { centsToDecimal } from './price.js'
import { el, xmlDocument } from './xml-document.js'

/**
 * The status answer (seed 003, "Status URL") in the example's order. A rejected post shows
 * LeadIdentifier 0 like its PostResponse did; a queued one shows IsValid false with an empty
 * RejectionReason until processing decides (docs/protocols/leadexec.md).
 */
export function statusJson(view: LeadStatusView) {
  const valid = isValidStatus(view.status)
  return {
    PostID: view.postId,
    LeadIdentifier: valid ? view.leadId : 0,
    IsValid: valid,
    RejectionReason: view.status === 'rejected' ? (view.rejectionReason ?? '') : '',
    VendorAccountAssigned: valid ? view.campaignId : 0,
    DateReceived: view.receivedAt,
    QualityControlDetails: {
      PendingReview: view.pendingQc && view.qcReviewedAt === null,
      DateOfReview: view.qcReviewedAt,
      IsQualityControlRejected: view.qcRejected,
      RejectionReason: view.qcReason ?? '',
    },
    ReturnDetails: {
      IsReturned: view.returnedAt !== null,
      DateOfReturn: view.returnedAt,
      ReturnReason: view.returnReason ?? '',
    },
    Price: centsToDecimal(view.priceCents),
  }
}

/** XML root: LeadStatusResponse (the document shows only JSON here; docs/compat.md). */
export function encodeStatus(view: LeadStatusView, format: 'json' | 'xml'): string {
  const body = statusJson(view)
  if (format === 'json') return JSON.stringify(body)
  const toElements = (obj: Record<string, unknown>): ReturnType<typeof el>[] =>
    Object.entries(obj).map(([k, v]) =>
      v !== null && typeof v === 'object'
        ? el(k, toElements(v as Record<string, unknown>))
        : el(k, v as string | number | boolean | null),
    )
  return xmlDocument(el('LeadStatusResponse', toElements(body)))
}
