import type { Mailer } from '../core/accounts/mailer.js'
import { newEventId } from '../core/events/event-id.js'
import type { EventRecord } from '../core/events/event-record.js'
import type { Clock, JobSpec } from '../core/ports.js'
import {
  type AlertConditionStore,
  evaluateConditions,
  nextEvaluateJob,
} from '../core/webhooks/alert-conditions.js'
import { type DisablePolicy, disableReason, fanoutEvent } from '../core/webhooks/fanout.js'
import { webhookHeaders } from '../core/webhooks/webhook-signature.js'
import type { WebhookStore } from '../core/webhooks/webhook-store.js'
import { type AttemptDeps, attemptOutbound } from '../outbound/attempt.js'
import type { TaskHandler } from './task-handlers.js'

const TIMEOUT_MS = 15_000

export interface WebhookTaskDeps {
  store: WebhookStore
  clock: Clock
  outbound: AttemptDeps
  disable: DisablePolicy
}

/** `webhooks.fanout`: the event's deliveries and alert jobs (core/webhooks/fanout.ts). */
export function webhookFanoutTask(deps: WebhookTaskDeps): TaskHandler<'webhooks.fanout'> {
  return (payload) => fanoutEvent(deps.store, deps.clock, payload)
}

/**
 * `webhooks.deliver`: one signed attempt through the one outbound path. The attempt becomes a
 * `callback` event, a `webhook_attempts` row, the delivery's status and the endpoint's failure
 * streak, in one transaction; a failure throws, and the worker retries on the shared schedule
 * (or the receiver's Retry-After). A disabled endpoint's pending delivery is skipped.
 */
export function webhookDeliverTask(deps: WebhookTaskDeps): TaskHandler<'webhooks.deliver'> {
  return async ({ deliveryId }, job) => {
    const target = await deps.store.loadDelivery(deliveryId)
    if (!target || target.status === 'succeeded') return
    const now = deps.clock.now()
    if (!target.enabled) return deps.store.markSkipped(deliveryId, now)
    const previousValid =
      target.previousSecret !== null &&
      target.previousSecretExpiresAt !== null &&
      Date.parse(target.previousSecretExpiresAt) > now.getTime()
    const secrets = previousValid ? [target.secret, target.previousSecret as string] : [target.secret]
    const final = job.attempts >= job.max_attempts
    await attemptOutbound(
      {
        ...deps.outbound,
        recordEvents: async (events: readonly EventRecord[]) => {
          const event = events[0]
          if (!event) return
          await deps.store.recordAttempt(
            {
              deliveryId,
              endpointId: target.endpointId,
              event,
              final,
              disableAfter: (streak, at) => disableReason(deps.disable, streak, at),
            },
            deps.clock.now(),
          )
        },
      },
      {
        request: {
          method: 'POST',
          url: target.url,
          headers: webhookHeaders(secrets, target.messageId, now, target.body),
          body: target.body,
          timeoutMs: TIMEOUT_MS,
        },
        label: 'webhook endpoint',
        event: { leadId: leadOf(target.body), sourceId: null, step: 'webhook', attempt: job.attempts },
      },
    )
  }
}

/** The lead a webhook is about, so its attempts show in the lead's trail. */
function leadOf(body: string): number | null {
  try {
    const id = (JSON.parse(body) as { data?: { lead_id?: unknown } }).data?.lead_id
    return typeof id === 'number' ? id : null
  } catch {
    return null
  }
}

export interface AlertEmailDeps {
  mailer: Mailer | undefined
  clock: Clock
  recordEvents(events: readonly EventRecord[]): Promise<void>
}

/**
 * `alerts.email`: one alert to its rule's addresses through the Mailer port, recorded as a
 * `callback` event (step `alerts.email`) like any outbound attempt; an SMTP failure throws and
 * the worker retries. Without LEADFLOW_SMTP_URL the event says so and the job ends.
 */
export function alertEmailTask(deps: AlertEmailDeps): TaskHandler<'alerts.email'> {
  return async (payload, job) => {
    const startedAt = deps.clock.now()
    let reason: string | null = null
    let failure: Error | null = null
    if (!deps.mailer) reason = 'no SMTP server configured (LEADFLOW_SMTP_URL)'
    else {
      try {
        await deps.mailer.send({ to: payload.to.join(', '), subject: payload.subject, text: payload.text })
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error))
        reason = `SMTP: ${failure.message}`
      }
    }
    const finishedAt = deps.clock.now()
    await deps.recordEvents([
      {
        id: newEventId(),
        leadId: null,
        kind: 'callback',
        step: 'alerts.email',
        outcome: reason === null ? 'success' : 'failure',
        reason,
        startedAt,
        finishedAt,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
        request: { to: payload.to, subject: payload.subject },
        data: { attempt: job.attempts, ruleId: payload.ruleId, messageId: payload.messageId },
      },
    ])
    if (failure) throw failure
  }
}

export interface AlertsEvaluateDeps {
  clock: Clock
  store: AlertConditionStore
  enqueue(jobs: readonly JobSpec[]): Promise<void>
}

/**
 * `alerts.evaluate`: the condition rules (a source's reject rate, a silent source), once a minute
 * on one node. The successor is enqueued first, keyed by its minute, so the chain neither forks
 * across nodes nor breaks when a run fails (the pattern of `jobs.prune`).
 */
export function alertsEvaluateTask(deps: AlertsEvaluateDeps): TaskHandler<'alerts.evaluate'> {
  return async () => {
    await deps.enqueue([nextEvaluateJob(deps.clock.now())])
    await evaluateConditions(deps.store, deps.clock)
  }
}
