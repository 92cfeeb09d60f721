import type { Clock } from '../ports.js'
import type { CallQueueStore, QueuedCall } from './call-queue-store.js'
import { isCallableAt, nextCallableTime } from './calling-hours.js'
import { consumerTimeZone } from './consumer-time-zone.js'
import { phoneCountry } from './phone.js'

export type TakeCallOutcome =
  | { kind: 'unknown_campaign' }
  | { kind: 'none' }
  | { kind: 'taken'; call: QueuedCall }

/** How many out-of-hours calls one take may push back before it answers "none" for now. */
const MAX_PUSHBACKS = 25

/**
 * Hands the next due call of a campaign to a dialler. due_at is placed inside calling hours when
 * the call is scheduled, but a backlog taken late (diallers offline all evening) may be due yet out
 * of hours now: such a call is put back to the consumer's next window, its attempt not counted,
 * and the next one is taken. A callback keeps the time the consumer chose.
 */
export async function takeCall(
  store: CallQueueStore,
  clock: Clock,
  campaignId: number,
  diallerId: string,
): Promise<TakeCallOutcome> {
  const campaign = await store.getCampaign(campaignId)
  if (!campaign) return { kind: 'unknown_campaign' }
  const { callingHours, timeZone } = campaign.settings
  for (let i = 0; i < MAX_PUSHBACKS; i++) {
    const now = clock.now()
    const call = await store.takeNextCall(campaign, diallerId, now)
    if (!call) return { kind: 'none' }
    const zone = consumerTimeZone(phoneCountry(call.mobile), timeZone)
    if (call.lastResult === 'callback' || isCallableAt(now, callingHours, zone))
      return { kind: 'taken', call }
    const dueAt = nextCallableTime(now, callingHours, zone)
    await store.finishCall(call.id, { status: 'scheduled', dueAt, result: null, attemptsDelta: -1 }, now)
  }
  return { kind: 'none' }
}
