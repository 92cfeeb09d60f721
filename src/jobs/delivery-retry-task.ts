import type { DistributionEngine } from '../core/distribution/create-distributor.js'
import type { TaskHandler } from './worker.js'

export interface DeliveryRetryPayload {
  leadId: number
  contractId: number
  attempt: number
}

/**
 * Retries one failed delivery (a contract's `delivery.retry` settings). Idempotent: the engine
 * checks the lead still needs a buyer and this buyer has not bought it (the sales unique index
 * settles a race), and the buyer sees the same Idempotency-Key as on the first attempt.
 */
export function deliveryRetryTask(engine: DistributionEngine): TaskHandler {
  return async (payload: DeliveryRetryPayload) => {
    await engine.retryDelivery(payload.leadId, payload.contractId, payload.attempt)
  }
}
