import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'
import {
  ALERT_EVENTS,
  type AlertCondition,
  type AlertRule,
  type AlertRuleInput,
  isConditionAlert,
} from './alert-rules.js'
import { WEBHOOK_EVENT_TYPES } from './webhook-events.js'
import { newWebhookSecret } from './webhook-signature.js'
import type {
  EndpointInput,
  EndpointPatch,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookStore,
} from './webhook-store.js'

/** After a rotation the old secret keeps signing this long, beside the new one. */
export const ROTATION_GRACE_MS = 24 * 3_600_000

/** The operator's webhook endpoints and alert rules (native API /webhooks, /alert-rules). */
export interface WebhookAdmin {
  list(): Promise<WebhookEndpoint[]>
  get(id: number): Promise<WebhookEndpoint>
  /** The secret is returned here and on rotate only; it is never listed. */
  create(input: EndpointInput): Promise<WebhookEndpoint & { secret: string }>
  update(id: number, patch: EndpointPatch): Promise<WebhookEndpoint>
  rotate(id: number): Promise<{ secret: string; previousSecretExpiresAt: string }>
  remove(id: number): Promise<void>
  deliveries(id: number, limit: number): Promise<WebhookDelivery[]>
  replay(id: number, deliveryId: number): Promise<void>
  listRules(): Promise<AlertRule[]>
  createRule(input: AlertRuleInput): Promise<AlertRule>
  /** Changes the given settings; the rest are kept. A condition key set to null is cleared. */
  updateRule(id: number, patch: AlertRulePatch): Promise<AlertRule>
  removeRule(id: number): Promise<void>
}

/** PATCH /alert-rules/:id: the keys present change. */
export type AlertRulePatch = Partial<Omit<AlertRuleInput, 'condition'>> & {
  condition?: { [K in keyof AlertCondition]?: AlertCondition[K] | undefined }
}

function checkUrl(url: string): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new LeadflowError('LF_VALIDATION', `url is not a URL: ${url}`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new LeadflowError('LF_VALIDATION', 'url must be http or https')
}

function checkTypes(types: readonly string[]): void {
  const known: readonly string[] = WEBHOOK_EVENT_TYPES
  const unknown = types.filter((t) => !known.includes(t))
  if (unknown.length > 0)
    throw new LeadflowError('LF_VALIDATION', `Unknown event types: ${unknown.join(', ')}`)
  if (types.length === 0) throw new LeadflowError('LF_VALIDATION', 'Subscribe to at least one event type')
}

export function createWebhookAdmin(store: WebhookStore, clock: Clock): WebhookAdmin {
  const found = async (id: number) => {
    const endpoint = await store.getEndpoint(id)
    if (!endpoint) throw new LeadflowError('LF_NOT_FOUND', `Webhook endpoint ${id} does not exist`)
    return endpoint
  }
  return {
    list: () => store.listEndpoints(),
    get: found,
    async create(input) {
      checkUrl(input.url)
      checkTypes(input.eventTypes)
      if (input.buyerId != null && input.sourceId != null)
        throw new LeadflowError('LF_VALIDATION', 'An endpoint belongs to one partner: buyer_id or source_id')
      const secret = newWebhookSecret()
      const created = await store.createEndpoint(input, secret, clock.now())
      if (created === 'unknown_owner')
        throw new LeadflowError('LF_VALIDATION', 'buyer_id or source_id names no partner')
      return { ...created, secret }
    },
    async update(id, patch) {
      if (patch.url !== undefined) checkUrl(patch.url)
      if (patch.eventTypes !== undefined) checkTypes(patch.eventTypes)
      const updated = await store.updateEndpoint(id, patch, clock.now())
      if (!updated) throw new LeadflowError('LF_NOT_FOUND', `Webhook endpoint ${id} does not exist`)
      return updated
    },
    async rotate(id) {
      const now = clock.now()
      const secret = newWebhookSecret()
      const until = new Date(now.getTime() + ROTATION_GRACE_MS)
      if (!(await store.rotateSecret(id, secret, until, now)))
        throw new LeadflowError('LF_NOT_FOUND', `Webhook endpoint ${id} does not exist`)
      return { secret, previousSecretExpiresAt: until.toISOString() }
    },
    async remove(id) {
      if (!(await store.removeEndpoint(id)))
        throw new LeadflowError('LF_NOT_FOUND', `Webhook endpoint ${id} does not exist`)
    },
    async deliveries(id, limit) {
      await found(id)
      return store.deliveries(id, limit)
    },
    async replay(id, deliveryId) {
      if (!(await store.replay(id, deliveryId, clock.now())))
        throw new LeadflowError(
          'LF_NOT_FOUND',
          `Delivery ${deliveryId} of webhook endpoint ${id} does not exist`,
        )
    },
    listRules: () => store.listRules(),
    async createRule(input) {
      checkRule(input)
      return store.createRule({ ...input, condition: conditionOf(input) }, clock.now())
    },
    async updateRule(id, patch) {
      const stored = (await store.listRules()).find((r) => r.id === id)
      if (!stored) throw new LeadflowError('LF_NOT_FOUND', `Alert rule ${id} does not exist`)
      const given = Object.fromEntries(
        Object.entries(patch.condition ?? {}).filter(([, v]) => v !== undefined),
      ) as Partial<AlertCondition>
      const eventType = patch.eventType ?? stored.eventType
      // A rule turned into an event rule drops its stored condition; one it is given still refuses.
      const condition = isConditionAlert(eventType) ? { ...stored.condition, ...given } : given
      const merged: AlertRuleInput = {
        name: patch.name ?? stored.name,
        eventType,
        emails: patch.emails ?? stored.emails,
        webhook: patch.webhook ?? stored.webhook,
        enabled: patch.enabled ?? stored.enabled,
        condition,
      }
      checkRule(merged)
      const updated = await store.updateRule(id, { ...merged, condition: conditionOf(merged) })
      if (!updated) throw new LeadflowError('LF_NOT_FOUND', `Alert rule ${id} does not exist`)
      return updated
    },
    async removeRule(id) {
      if (!(await store.removeRule(id)))
        throw new LeadflowError('LF_NOT_FOUND', `Alert rule ${id} does not exist`)
    },
  }
}

function checkRule(input: AlertRuleInput): void {
  const known: readonly string[] = ALERT_EVENTS
  if (!known.includes(input.eventType))
    throw new LeadflowError('LF_VALIDATION', `Alert rules watch ${ALERT_EVENTS.join(', ')}`)
  if (input.emails.length === 0 && !input.webhook)
    throw new LeadflowError('LF_VALIDATION', 'An alert rule needs emails or webhook: true')
}

/** A condition rule needs its window (and a reject-rate rule its threshold); event rules take none. */
function conditionOf(input: AlertRuleInput): Partial<AlertCondition> | undefined {
  const c = input.condition ?? {}
  if (!isConditionAlert(input.eventType)) {
    if (Object.values(c).some((v) => v !== undefined && v !== null))
      throw new LeadflowError(
        'LF_VALIDATION',
        `${input.eventType} rules take no source_id, window or threshold`,
      )
    return undefined
  }
  if (!c.windowMinutes || c.windowMinutes < 1)
    throw new LeadflowError('LF_VALIDATION', `${input.eventType} rules need window_minutes (1 or more)`)
  if (input.eventType === 'source.reject_rate' && (c.thresholdPercent ?? 0) < 1)
    throw new LeadflowError('LF_VALIDATION', 'source.reject_rate rules need threshold_percent (1–100)')
  const reject = input.eventType === 'source.reject_rate'
  return {
    ...c,
    thresholdPercent: reject ? c.thresholdPercent : null,
    minLeads: reject ? (c.minLeads ?? 10) : null,
  }
}
