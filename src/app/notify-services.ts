import type { Mailer } from '../core/accounts/mailer.js'
import type { Clock } from '../core/ports.js'
import { DEFAULT_DISABLE_POLICY, type DisablePolicy } from '../core/webhooks/fanout.js'
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
}

export function createNotifyServices(
  storage: StorageDialect,
  clock: Clock,
  options: { mailer: Mailer | undefined; disable?: DisablePolicy },
): NotifyServices {
  const store = createWebhookStore(storage.db)
  return {
    webhooks: createWebhookAdmin(store, clock),
    store,
    mailer: options.mailer,
    disable: options.disable ?? DEFAULT_DISABLE_POLICY,
  }
}
