import type { JobSpec } from '../jobs/job-spec.js'
import { FANOUT_TASK, type NotificationPayload } from './webhook-events.js'

/** The events an alert rule can watch (docs/operations.md, "Alerts"). */
export const ALERT_EVENTS = ['contract.paused', 'cap.reached'] as const
export type AlertEvent = (typeof ALERT_EVENTS)[number]

export const ALERT_EMAIL_TASK = 'alerts.email'

export interface AlertRule {
  id: number
  name: string
  eventType: AlertEvent
  /** Addresses the alert is emailed to (through the Mailer port). */
  emails: string[]
  /** Also announce an `alert.triggered` event to the webhooks subscribed to it. */
  webhook: boolean
  enabled: boolean
  createdAt: string
}

export interface AlertRuleInput {
  name: string
  eventType: AlertEvent
  emails: string[]
  webhook?: boolean
  enabled?: boolean
}

export interface AlertEmailPayload {
  ruleId: number
  messageId: string
  to: string[]
  subject: string
  text: string
}

/** The alert's wording: what happened, to what, and when. */
export function alertEmail(rule: AlertRule, event: NotificationPayload): { subject: string; text: string } {
  const d = event.data
  const what =
    event.type === 'contract.paused'
      ? `Contract ${d.contract_id}${d.contract_name ? ` (${d.contract_name})` : ''} of buyer ${d.buyer_name ?? d.buyer_id} was paused: ${d.reason ?? 'no reason given'}.`
      : `Cap reached on ${d.subject ?? 'a contract'}: ${d.window ?? ''} ${d.used ?? ''}/${d.limit ?? ''}.`
  const subject = `[leadflow] ${rule.name}: ${event.type}`
  const text = [
    what,
    '',
    `Rule: ${rule.name} (#${rule.id})`,
    `Event: ${event.type} at ${event.timestamp} (${event.id})`,
    '',
    JSON.stringify(d, null, 2),
  ].join('\n')
  return { subject, text }
}

/** The jobs one event raises for each matching rule: an email, and an `alert.triggered` webhook event. */
export function alertJobs(rules: readonly AlertRule[], event: NotificationPayload): JobSpec[] {
  const jobs: JobSpec[] = []
  for (const rule of rules) {
    if (!rule.enabled || rule.eventType !== event.type) continue
    if (rule.emails.length > 0) {
      jobs.push({
        task: ALERT_EMAIL_TASK,
        payload: { ruleId: rule.id, messageId: event.id, to: rule.emails, ...alertEmail(rule, event) },
        options: { key: `alert:${event.id}:${rule.id}`, maxAttempts: 8 },
      })
    }
    if (rule.webhook) {
      const id = `${event.id}_alert${rule.id}`
      jobs.push({
        task: FANOUT_TASK,
        payload: {
          id,
          type: 'alert.triggered',
          timestamp: event.timestamp,
          data: {
            rule_id: rule.id,
            rule_name: rule.name,
            event: { id: event.id, type: event.type, data: event.data },
          },
          // Alerts are the operator's: no partner endpoint receives them.
          buyerId: null,
          sourceId: null,
        },
        options: { key: `fanout:${id}`, maxAttempts: 10 },
      })
    }
  }
  return jobs
}
