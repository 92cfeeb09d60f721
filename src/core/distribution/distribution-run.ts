import type { Mailer } from '../accounts/mailer.js'
import type { EventRecord } from '../events/event-record.js'
import type { Clock, JobSpec } from '../ports.js'
import type { Deliverer } from './deliverer.js'
import type { DistributionContext, DistributionStore } from './distribution-ports.js'
import type { SendResult } from './distributor.js'

/** Hands a lead to a dialler call queue (src/core/dialler); absent until that domain wires it. */
export interface CallQueuePort {
  enqueue(
    leadId: number,
    delivery: { type?: string; subtype?: string },
  ): Promise<{ ok: boolean; reason: string }>
}

export interface DistributionDeps {
  store: DistributionStore
  deliverer: Deliverer
  clock: Clock
  callQueue?: CallQueuePort
  /** Email delivery (`delivery.kind: 'email'`); absent without LEADFLOW_SMTP_URL. */
  mailer?: Mailer
  random?: () => number
  /**
   * Whether some enabled endpoint subscribes to `lead.sold` / `lead.unsold` (src/core/webhooks/
   * subscriptions.ts, cached up to 5 s per node). Without it both are always announced. No alert
   * rule watches either (ALERT_EVENTS), so without a subscriber their fanout job would write nothing.
   */
  announces?(type: 'lead.sold' | 'lead.unsold'): Promise<boolean>
}

/** The mutable state of one distribution: what sold so far, and the trail to write at the end. */
export interface DistributionRun {
  ctx: DistributionContext
  at: Date
  sends: SendResult[]
  events: EventRecord[]
  jobs: JobSpec[]
  soldBuyerIds: number[]
  exclusiveSold: boolean
  soldCount: number
  priceCents: number
  sourcePriceCents: number
  redirectUrl: string
}

export function startRun(ctx: DistributionContext, at: Date): DistributionRun {
  return {
    ctx,
    at,
    sends: [],
    events: [],
    jobs: [],
    soldBuyerIds: [...ctx.soldBuyerIds],
    exclusiveSold: ctx.exclusiveSold,
    soldCount: ctx.soldBuyerIds.length,
    priceCents: 0,
    sourcePriceCents: 0,
    redirectUrl: '',
  }
}

/** How many more buyers this lead may go to: the lead type's max sends, the source's max deliveries. */
export function remainingSends(run: DistributionRun): number {
  if (run.exclusiveSold) return 0
  const limit = Math.min(run.ctx.leadType.maxSends, run.ctx.source.maxDeliveries ?? Number.POSITIVE_INFINITY)
  return Math.max(0, limit - run.soldCount)
}
