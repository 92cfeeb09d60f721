import type { DeliveryRetryPayload } from '../distribution/sell-to-contract.js'
import type { PostbackPayload } from '../feedback/postback-job.js'
import type { CallbackPayload, PingPayload, ProcessLeadPayload } from '../intake/intake-tasks.js'
import type { OfferPayload, SweepPayload } from '../redistribution/redistribution-ports.js'
import type { AlertEmailPayload } from '../webhooks/alert-rules.js'
import type { NotificationPayload } from '../webhooks/webhook-events.js'

/** `jobs.prune` carries nothing: it reads its retention from the worker's settings. */
export type PruneJobsPayload = Record<string, never>

/**
 * The one registry of job tasks: task name → payload. A task name is stored in every job row,
 * so a name never changes once shipped (rows written by an older release must still run).
 */
export interface JobPayloads {
  'intake.process': ProcessLeadPayload
  'intake.callback': CallbackPayload
  'intake.ping': PingPayload
  'intake.ping-callback': PingPayload
  'distribution.delivery-retry': DeliveryRetryPayload
  'feedback.postback': PostbackPayload
  'jobs.prune': PruneJobsPayload
  /** One event → its webhook deliveries and alert jobs (core/webhooks/fanout.ts). */
  'webhooks.fanout': NotificationPayload
  /** One signed delivery attempt to one endpoint (src/jobs/webhook-tasks.ts). */
  'webhooks.deliver': { deliveryId: number }
  /** One alert email (core/webhooks/alert-rules.ts). */
  'alerts.email': AlertEmailPayload
  /** Checks the condition alert rules, then enqueues its successor (core/webhooks/alert-conditions.ts). */
  'alerts.evaluate': PruneJobsPayload
  /** Queues the leads due under each active re-distribution rule; self-scheduling (core/redistribution). */
  'redistribution.sweep': SweepPayload
  /** Offers one lead again to aged-lead contracts (core/redistribution/redistribution.ts). */
  'redistribution.offer': OfferPayload
}

export type TaskName = keyof JobPayloads
