import type { JobSpec } from '../jobs/job-spec.js'
import { FANOUT_TASK } from './webhook-events.js'

/** What an alert is about: a webhook event, or a condition the evaluate job found. */
export interface AlertOccurrence {
  id: string
  type: string
  timestamp: string
  data: Record<string, unknown>
}

/**
 * The events an alert rule can watch (docs/webhooks.md, "Alerts"). The first four are webhook
 * events, each announced once per condition episode where it happens (a cap window, a low balance
 * until it recovers); the last two are conditions the `alerts.evaluate` job checks every minute.
 */
export const EVENT_ALERTS = ['contract.paused', 'cap.warning', 'cap.reached', 'buyer.balance_low'] as const
export const CONDITION_ALERTS = ['source.reject_rate', 'source.silent'] as const
export const ALERT_EVENTS = [...EVENT_ALERTS, ...CONDITION_ALERTS] as const
export type AlertEvent = (typeof ALERT_EVENTS)[number]
export type ConditionAlert = (typeof CONDITION_ALERTS)[number]

export function isConditionAlert(type: string): type is ConditionAlert {
  return (CONDITION_ALERTS as readonly string[]).includes(type)
}

/** A condition rule's parameters; null on event rules. */
export interface AlertCondition {
  /** One source, or null for every active source. */
  sourceId: number | null
  windowMinutes: number | null
  /** source.reject_rate: rejected share of the window's leads, in percent, at or above which it fires. */
  thresholdPercent: number | null
  /** source.reject_rate: fewer leads than this in the window say nothing (default 10). */
  minLeads: number | null
}

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
  condition: AlertCondition
}

export interface AlertRuleInput {
  name: string
  eventType: AlertEvent
  emails: string[]
  webhook?: boolean
  enabled?: boolean
  condition?: Partial<AlertCondition>
}

export interface AlertEmailPayload {
  ruleId: number
  messageId: string
  to: string[]
  subject: string
  text: string
}

/** The alert's wording: what happened, to what, and when. */
export function alertEmail(rule: AlertRule, event: AlertOccurrence): { subject: string; text: string } {
  const d = event.data
  const what = describe(event.type, d)
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

function describe(type: string, d: Record<string, unknown>): string {
  switch (type) {
    case 'contract.paused':
      return `Contract ${d.contract_id}${d.contract_name ? ` (${d.contract_name})` : ''} of buyer ${d.buyer_name ?? d.buyer_id} was paused: ${d.reason ?? 'no reason given'}.`
    case 'cap.warning':
    case 'cap.reached':
      return `${type === 'cap.reached' ? 'Cap reached' : `Cap ${d.percent_used}% used`} on ${d.subject}: ${d.window}, ${d.used}/${d.limit} ${d.measure}.`
    case 'buyer.balance_low':
      return `Buyer ${d.buyer_name ?? d.buyer_id} has ${d.available_cents} cents of credit left of ${d.limit_cents}.`
    case 'source.reject_rate':
      return `Source ${d.source_name ?? d.source_id} rejected ${d.rejected} of ${d.leads} leads (${d.reject_percent}%) in the last ${d.window_minutes} minutes (threshold ${d.threshold_percent}%).`
    case 'source.silent':
      return `No leads from source ${d.source_name ?? d.source_id} for ${d.window_minutes} minutes (last lead: ${d.last_lead_at ?? 'never'}).`
    default:
      return `${type} happened.`
  }
}

/** The jobs one event raises for each matching rule: an email, and an `alert.triggered` webhook event. */
export function alertJobs(rules: readonly AlertRule[], event: AlertOccurrence): JobSpec[] {
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
