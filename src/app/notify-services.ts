import type { Mailer } from '../core/accounts/mailer.js'
import type { Clock } from '../core/ports.js'
import { DEFAULT_DISABLE_POLICY, type DisablePolicy } from '../core/webhooks/fanout.js'
import { createSubscriptions, type Subscriptions } from '../core/webhooks/subscriptions.js'
import { createWebhookAdmin, type WebhookAdmin } from '../core/webhooks/webhook-admin.js'
import type { WebhookStore } from '../core/webhooks/webhook-store.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { createWebhookStore } from '../storage/webhook-store.js'

/** Webhooks and alerts (docs/webhooks.md, docs/operations.md "Alerts"): the admin use-cases and what their tasks need. */
export interface NotifyServices {
  readonly webhooks: WebhookAdmin
  readonly store: WebhookStore
  readonly mailer: Mailer | undefined
  readonly disable: DisablePolicy
  /** Which event types some endpoint subscribes to (cached 5 s; intake asks before announcing). */
  readonly subscriptions: Subscriptions
}

export function createNotifyServices(
  storage: StorageDialect,
  clock: Clock,
  options: { mailer: Mailer | undefined; disable?: DisablePolicy },
): NotifyServices {
  const store = createWebhookStore(storage.db)
  const subscriptions = createSubscriptions(store, clock)
  return {
    webhooks: invalidating(createWebhookAdmin(store, clock), subscriptions),
    store,
    mailer: options.mailer,
    disable: options.disable ?? DEFAULT_DISABLE_POLICY,
    subscriptions,
  }
}

/** The admin use-cases, each endpoint change dropping this node's cached subscriptions. */
function invalidating(admin: WebhookAdmin, subscriptions: Subscriptions): WebhookAdmin {
  const after =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      const result = await f(...args)
      subscriptions.invalidate()
      return result
    }
  return { ...admin, create: after(admin.create), update: after(admin.update), remove: after(admin.remove) }
}
