import { randomBytes } from 'node:crypto'
import type { JobSpec } from '../jobs/job-spec.js'

/**
 * The events leadflow announces to webhooks and alert rules (docs/webhooks.md, "Events"). A name
 * is part of the public contract: never renamed once shipped.
 */
export const WEBHOOK_EVENT_TYPES = [
  'lead.accepted',
  'lead.rejected',
  'lead.sold',
  'lead.unsold',
  'return.requested',
  'return.decided',
  'conversion.recorded',
  'contract.paused',
  'cap.warning',
  'cap.reached',
  'buyer.balance_low',
  'alert.triggered',
] as const

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

/** The job task that turns one event into deliveries and alerts (src/jobs/webhook-tasks.ts). */
export const FANOUT_TASK = 'webhooks.fanout'

/**
 * One event as enqueued in the transaction of the state it announces. `buyerId` / `sourceId` name
 * the partners it concerns: a partner's endpoint receives only events naming it (partner scoping).
 */
export interface NotificationPayload {
  /** `msg_…`: the `webhook-id` every delivery of this event carries, retries and replays included. */
  id: string
  type: WebhookEventType
  /** ISO-8601, when the state changed. */
  timestamp: string
  data: Record<string, unknown>
  buyerId: number | null
  sourceId: number | null
}

export function newMessageId(): string {
  return `msg_${randomBytes(12).toString('hex')}`
}

/** The `webhooks.fanout` job announcing `type`, to enqueue with the state it announces. */
export function notificationJob(
  type: WebhookEventType,
  data: Record<string, unknown>,
  owners: { buyerId?: number | null; sourceId?: number | null },
  at: Date,
  id: string = newMessageId(),
): JobSpec {
  return {
    task: FANOUT_TASK,
    payload: {
      id,
      type,
      timestamp: at.toISOString(),
      data,
      buyerId: owners.buyerId ?? null,
      sourceId: owners.sourceId ?? null,
    },
    options: { key: `fanout:${id}`, maxAttempts: 10 },
  }
}

/** Who an endpoint belongs to: the operator (every event) or one partner (only its own). */
export type EndpointOwner =
  | { kind: 'operator' }
  | { kind: 'buyer'; id: number }
  | { kind: 'source'; id: number }

/** True when an endpoint of `owner` may receive `event`. */
export function ownerReceives(
  owner: EndpointOwner,
  event: Pick<NotificationPayload, 'buyerId' | 'sourceId'>,
) {
  if (owner.kind === 'operator') return true
  if (owner.kind === 'buyer') return event.buyerId === owner.id
  return event.sourceId === owner.id
}

/** What a seller must not learn about a buyer, and a buyer about a source, from one event. */
const BUYER_ONLY = ['buyer_id', 'buyer_name', 'contract_id', 'contract_name', 'price_cents', 'buyer_lead_id']
const SOURCE_ONLY = ['source_id', 'source_price_cents']

/** The event's data as `owner` sees it: a partner never sees the other side's identity or price. */
export function dataFor(owner: EndpointOwner, data: Record<string, unknown>): Record<string, unknown> {
  if (owner.kind === 'operator') return data
  const hidden = owner.kind === 'buyer' ? SOURCE_ONLY : BUYER_ONLY
  return Object.fromEntries(Object.entries(data).filter(([k]) => !hidden.includes(k)))
}

/** The body one endpoint receives: `{ type, timestamp, data }` (docs/webhooks.md, "Payload"). */
export function webhookBody(owner: EndpointOwner, event: NotificationPayload): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: dataFor(owner, event.data) })
}
