import type { EventRecord } from '../events/event-record.js'
import type { JobSpec } from '../jobs/job-spec.js'
import type { AlertRule, AlertRuleInput } from './alert-rules.js'
import type { EndpointOwner, NotificationPayload } from './webhook-events.js'

export interface WebhookEndpoint {
  id: number
  url: string
  description: string
  eventTypes: string[]
  enabled: boolean
  /** Why leadflow turned it off (sustained failure), null when enabled or turned off by hand. */
  disabledReason: string | null
  buyerId: number | null
  sourceId: number | null
  /** Failed attempts in a row, and since when (null after a success). */
  consecutiveFailures: number
  failingSince: string | null
  /** Until when the previous secret still signs, after a rotation. */
  previousSecretExpiresAt: string | null
  createdAt: string
  updatedAt: string
}

export interface EndpointInput {
  url: string
  description?: string
  eventTypes: string[]
  enabled?: boolean
  buyerId?: number | null
  sourceId?: number | null
}

export type EndpointPatch = Partial<Pick<EndpointInput, 'url' | 'description' | 'eventTypes' | 'enabled'>>

export interface WebhookAttemptRow {
  attempt: number
  outcome: string
  statusCode: number | null
  reason: string | null
  durationMs: number
  response: string | null
  at: string
}

export interface WebhookDelivery {
  id: number
  endpointId: number
  messageId: string
  eventType: string
  /** pending | succeeded | failed (retries exhausted) | skipped (endpoint disabled) */
  status: string
  attempts: number
  body: string
  createdAt: string
  updatedAt: string
  log: WebhookAttemptRow[]
}

/** One delivery as the deliver task needs it: where, what, and the secrets that sign it. */
export interface DeliveryTarget {
  deliveryId: number
  endpointId: number
  messageId: string
  status: string
  body: string
  url: string
  enabled: boolean
  secret: string
  previousSecret: string | null
  previousSecretExpiresAt: string | null
}

export interface PlannedDelivery {
  endpointId: number
  eventType: string
  body: string
}

export interface AttemptRecord {
  deliveryId: number
  endpointId: number
  event: EventRecord
  /** The job's last attempt: a failure makes the delivery `failed`. */
  final: boolean
  /** Decides, inside the recording transaction, whether the endpoint's failure streak disables it. */
  disableAfter(streak: { failures: number; failingSince: Date }, now: Date): string | null
}

/** The storage port of webhooks and alert rules (src/storage/webhook-store.ts). */
export interface WebhookStore {
  listEndpoints(): Promise<WebhookEndpoint[]>
  getEndpoint(id: number): Promise<WebhookEndpoint | undefined>
  /** Unknown buyer or source → 'unknown_owner'. */
  createEndpoint(input: EndpointInput, secret: string, now: Date): Promise<WebhookEndpoint | 'unknown_owner'>
  updateEndpoint(id: number, patch: EndpointPatch, now: Date): Promise<WebhookEndpoint | undefined>
  /** New secret; the old one keeps signing until `previousUntil`. False when the endpoint is unknown. */
  rotateSecret(id: number, secret: string, previousUntil: Date, now: Date): Promise<boolean>
  removeEndpoint(id: number): Promise<boolean>
  deliveries(endpointId: number, limit: number): Promise<WebhookDelivery[]>
  /** Sets the delivery pending again and enqueues its job, in one transaction; false when unknown. */
  replay(endpointId: number, deliveryId: number, now: Date): Promise<boolean>

  /** Every endpoint that is enabled (the fanout filters by type and owner). */
  activeEndpoints(): Promise<Array<{ id: number; eventTypes: string[]; owner: EndpointOwner }>>
  /** Deliveries (once per event × endpoint) with their jobs, and `jobs`, in one transaction. */
  writeFanout(
    event: NotificationPayload,
    deliveries: readonly PlannedDelivery[],
    jobs: readonly JobSpec[],
    now: Date,
  ): Promise<void>
  loadDelivery(deliveryId: number): Promise<DeliveryTarget | undefined>
  /** The attempt's event and row, the delivery's status and the endpoint's health, in one transaction. */
  recordAttempt(record: AttemptRecord, now: Date): Promise<void>
  markSkipped(deliveryId: number, now: Date): Promise<void>

  listRules(): Promise<AlertRule[]>
  activeRules(eventType: string): Promise<AlertRule[]>
  createRule(input: AlertRuleInput, now: Date): Promise<AlertRule>
  /** Replaces the rule's settings (already merged and checked); undefined when there is no such rule. */
  updateRule(id: number, input: AlertRuleInput): Promise<AlertRule | undefined>
  removeRule(id: number): Promise<boolean>
}
