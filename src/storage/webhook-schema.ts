import type { Generated } from 'kysely'

/** Webhook endpoints, deliveries, attempts and alert rules (migration 013; docs/webhooks.md). */
export interface WebhookEndpointTable {
  id: Generated<number>
  url: string
  description: string
  /** JSON array of event types. */
  event_types_json: string
  enabled: number
  disabled_reason: string | null
  /** The partner the endpoint belongs to (only its events), or both null: the operator's. */
  buyer_id: number | null
  source_id: number | null
  /** `whsec_…`; kept readable because it signs every delivery. */
  secret: string
  previous_secret: string | null
  previous_secret_expires_at: string | null
  consecutive_failures: number
  failing_since: string | null
  created_at: string
  updated_at: string
}

export interface WebhookDeliveryTable {
  id: Generated<number>
  endpoint_id: number
  /** The event's `msg_…` id, sent as `webhook-id`; unique with endpoint_id. */
  message_id: string
  event_type: string
  /** The exact body sent, so retries and replays send the same bytes. */
  body: string
  /** pending | succeeded | failed | skipped */
  status: string
  attempts: number
  replays: number
  created_at: string
  updated_at: string
}

export interface WebhookAttemptTable {
  id: Generated<number>
  delivery_id: number
  attempt: number
  /** success | failure */
  outcome: string
  status_code: number | null
  reason: string | null
  duration_ms: number
  response: string | null
  created_at: string
}

export interface AlertRuleTable {
  id: Generated<number>
  name: string
  event_type: string
  emails_json: string
  webhook: number
  enabled: number
  created_at: string
  source_id: number | null
  window_minutes: number | null
  threshold_percent: number | null
  min_leads: number | null
}

/** One open condition episode (migration 018): its key is unique, so it is announced once. */
export interface AlertMarkTable {
  key: string
  opened_at: string
}

export interface WebhookTables {
  alert_marks: AlertMarkTable
  webhook_endpoints: WebhookEndpointTable
  webhook_deliveries: WebhookDeliveryTable
  webhook_attempts: WebhookAttemptTable
  alert_rules: AlertRuleTable
}
