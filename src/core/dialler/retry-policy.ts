import type { CallResult } from './call-result.js'
import { RETRYABLE_RESULTS } from './call-result.js'
import { nextCallableTime } from './calling-hours.js'
import type { CampaignSettings } from './campaign-settings.js'

export type NextStep = { status: 'done' } | { status: 'scheduled'; dueAt: Date }

export interface ResultFacts {
  result: CallResult
  /** Attempts made so far, this one included. */
  attempts: number
  /** For `callback`: when the consumer asked to be called. */
  callbackAt?: Date
  now: Date
  settings: CampaignSettings
  consumerTimeZone: string
}

/**
 * What the queue does after a result: a reached consumer (answered, sale, wrong number) is done;
 * a callback is scheduled exactly when the consumer asked (their own choice overrides calling
 * hours); an unreached one is tried again after the policy's spacing, moved into calling hours,
 * until maxAttempts calls have been made.
 */
export function nextStepAfterResult(f: ResultFacts): NextStep {
  if (f.result === 'callback') return { status: 'scheduled', dueAt: f.callbackAt ?? f.now }
  if (!RETRYABLE_RESULTS.has(f.result)) return { status: 'done' }
  const { maxAttempts, spacingSeconds } = f.settings.retry
  if (f.attempts >= maxAttempts) return { status: 'done' }
  const wait = spacingSeconds[Math.min(Math.max(f.attempts - 1, 0), spacingSeconds.length - 1)]
  const earliest = new Date(f.now.getTime() + wait * 1000)
  return {
    status: 'scheduled',
    dueAt: nextCallableTime(earliest, f.settings.callingHours, f.consumerTimeZone),
  }
}
