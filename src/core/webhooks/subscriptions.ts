import type { Clock } from '../ports.js'
import type { WebhookStore } from './webhook-store.js'

/** How long the set of subscribed event types is trusted before it is read again. */
export const SUBSCRIPTIONS_TTL_MS = 5_000

export interface Subscriptions {
  /** True when an enabled endpoint subscribes to `type`. */
  wants(type: string): Promise<boolean>
  /** Forget the cached set: this node's own endpoint changes apply at once. */
  invalidate(): void
}

/**
 * The event types some enabled endpoint subscribes to, read at most once per 5 s per node, so
 * high-volume events (`lead.accepted`, `lead.rejected`) cost intake one cached lookup and no job
 * when nobody listens. An endpoint registered (or enabled) starts receiving them within 5 s; one
 * read serves every caller waiting at the time.
 */
export function createSubscriptions(
  store: Pick<WebhookStore, 'activeEndpoints'>,
  clock: Clock,
): Subscriptions {
  let types: ReadonlySet<string> = new Set()
  let readAt = Number.NEGATIVE_INFINITY
  let reading: Promise<void> | null = null
  const refresh = async () => {
    const endpoints = await store.activeEndpoints()
    types = new Set(endpoints.flatMap((e) => e.eventTypes))
    readAt = clock.now().getTime()
  }
  return {
    async wants(type) {
      if (clock.now().getTime() - readAt >= SUBSCRIPTIONS_TTL_MS) {
        reading ??= refresh().finally(() => {
          reading = null
        })
        await reading
      }
      return types.has(type)
    },
    invalidate() {
      readAt = Number.NEGATIVE_INFINITY
    },
  }
}
