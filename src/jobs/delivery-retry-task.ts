import type { DistributionEngine } from '../core/distribution/create-distributor.js'
import type { TaskHandler } from './task-handlers.js'

/**
 * Retries one failed delivery (a contract's `delivery.retry` settings). Idempotent: the engine
 * checks the lead still needs a buyer and this buyer has not bought it (the sales unique index
 * settles a race), and the buyer sees the same Idempotency-Key as on the first attempt.
 */
export function deliveryRetryTask(engine: DistributionEngine): TaskHandler<'distribution.delivery-retry'> {
  return async (payload) => {
    await engine.retryDelivery(payload.leadId, payload.contractId, payload.attempt)
  }
}
