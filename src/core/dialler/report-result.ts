import type { Clock } from '../ports.js'
import type { CallQueueStore, QueuedCall } from './call-queue-store.js'
import { CALL_RESULTS, type CallResult, isCallResult } from './call-result.js'
import { consumerTimeZone } from './consumer-time-zone.js'
import { phoneCountry } from './phone.js'
import { nextStepAfterResult } from './retry-policy.js'

export interface ResultReport {
  result: unknown
  /** ISO time, required for `callback`. */
  callbackAt?: unknown
  /** When given, must be the dialler that holds the call. */
  diallerId?: string
}

export type ReportOutcome =
  | { kind: 'invalid'; errors: string[] }
  | { kind: 'not_found' }
  | { kind: 'conflict'; reason: string; call: QueuedCall }
  | { kind: 'recorded'; call: QueuedCall }

const YEAR_MS = 366 * 86_400_000

function checkReport(r: ResultReport, now: Date): { result: CallResult; callbackAt?: Date } | string[] {
  if (!isCallResult(r.result)) return [`result must be one of ${CALL_RESULTS.join(', ')}`]
  if (r.result !== 'callback') return { result: r.result }
  const at = typeof r.callbackAt === 'string' ? new Date(r.callbackAt) : undefined
  if (!at || Number.isNaN(at.getTime())) return ['callbackAt (an ISO time) is required for a callback']
  if (at <= now || at.getTime() - now.getTime() > YEAR_MS) {
    return ['callbackAt must be in the future, within a year']
  }
  return { result: r.result, callbackAt: at }
}

/**
 * Records a dialler's result for a call it holds and applies the campaign's retry policy. The
 * update is conditional on the call still being in progress, so a duplicate report (or a report
 * racing a lease expiry) changes nothing and answers a conflict.
 */
export async function reportResult(
  store: CallQueueStore,
  clock: Clock,
  callId: number,
  report: ResultReport,
): Promise<ReportOutcome> {
  const now = clock.now()
  const checked = checkReport(report, now)
  if (Array.isArray(checked)) return { kind: 'invalid', errors: checked }
  return store.inTransaction(async (tx) => {
    const call = await tx.getCall(callId)
    if (!call) return { kind: 'not_found' }
    const held = call.status === 'in_progress'
    if (!held) return { kind: 'conflict', reason: `call is ${call.status}, not in progress`, call }
    if (report.diallerId && call.claimedBy !== report.diallerId) {
      return { kind: 'conflict', reason: 'call is held by another dialler', call }
    }
    const campaign = await tx.getCampaign(call.campaignId)
    if (!campaign) return { kind: 'not_found' }
    const step = nextStepAfterResult({
      ...checked,
      attempts: call.attempts,
      now,
      settings: campaign.settings,
      consumerTimeZone: consumerTimeZone(phoneCountry(call.mobile), campaign.settings.timeZone),
    })
    const dueAt = step.status === 'scheduled' ? step.dueAt : null
    const next = { status: step.status, dueAt, result: checked.result, attemptsDelta: 0 }
    const updated = await tx.finishCall(callId, next, now)
    if (!updated) return { kind: 'conflict', reason: 'call is no longer in progress', call }
    const data = { callId, attempts: call.attempts, next: step.status, dueAt: dueAt?.toISOString() ?? null }
    await tx.recordEvent(
      { leadId: call.leadId, step: 'result', outcome: checked.result, reason: null, data },
      now,
    )
    return { kind: 'recorded', call: updated }
  })
}
