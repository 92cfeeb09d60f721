import type { Clock } from '../ports.js'
import { alertJobs } from './alert-rules.js'
import { type NotificationPayload, ownerReceives, webhookBody } from './webhook-events.js'
import type { PlannedDelivery, WebhookStore } from './webhook-store.js'

/**
 * One event → one delivery per enabled endpoint subscribed to its type and allowed to see it
 * (an operator endpoint sees all; a partner's only events naming that partner), plus the jobs of
 * the alert rules watching it. Written in one transaction; run again (at-least-once), it adds
 * nothing: a delivery is unique per event × endpoint, a job per key.
 */
export async function fanoutEvent(
  store: WebhookStore,
  clock: Clock,
  event: NotificationPayload,
): Promise<void> {
  const endpoints = await store.activeEndpoints()
  const deliveries: PlannedDelivery[] = endpoints
    .filter((e) => e.eventTypes.includes(event.type) && ownerReceives(e.owner, event))
    .map((e) => ({ endpointId: e.id, eventType: event.type, body: webhookBody(e.owner, event) }))
  const jobs = alertJobs(await store.activeRules(event.type), event)
  await store.writeFanout(event, deliveries, jobs, clock.now())
}

/**
 * Automatic disabling (docs/webhooks.md, "Disabling"): an endpoint is turned off when its failed
 * attempts in a row reach `failures` AND the first of them is at least `afterMs` old, so neither a
 * burst of failures nor one slow day of a quiet endpoint disables it alone.
 */
export interface DisablePolicy {
  failures: number
  afterMs: number
}

export const DEFAULT_DISABLE_POLICY: DisablePolicy = { failures: 20, afterMs: 24 * 3_600_000 }

export function disableReason(
  policy: DisablePolicy,
  streak: { failures: number; failingSince: Date },
  now: Date,
): string | null {
  const age = now.getTime() - streak.failingSince.getTime()
  if (streak.failures < policy.failures || age < policy.afterMs) return null
  const hours = Math.floor(age / 3_600_000)
  return `disabled after ${streak.failures} failed attempts in a row over ${hours} h`
}
