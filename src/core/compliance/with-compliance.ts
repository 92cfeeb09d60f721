import type { DistributionEngine } from '../distribution/create-distributor.js'
import type { DistributionOutcome } from '../distribution/distributor.js'
import type { ComplianceGate } from './compliance-gate.js'

export function blockedOutcome(reason: string): DistributionOutcome {
  return { sold: false, priceCents: 0, sourcePriceCents: 0, redirectUrl: '', sends: [], reason }
}

/**
 * Distribution behind the compliance gate (docs/compliance.md): before a lead is offered to any
 * buyer, the checks its lead type and contracts need run once; a failed check the lead type
 * blocks on leaves the lead unsold with the reason, and nothing is sent. Results reach contract
 * filters as `compliance.<check>` fields. Pings and delivery retries pass through unchanged
 * (a retry follows a distribution that already passed the gate).
 */
export function withCompliance(engine: DistributionEngine, gate: ComplianceGate): DistributionEngine {
  return {
    ...engine,
    async distribute(leadId) {
      const gated = await gate.run(leadId)
      if (!gated?.blockReason) return engine.distribute(leadId)
      await gate.block(leadId, gated.sourceId, gated.blockReason)
      return blockedOutcome(gated.blockReason)
    },
  }
}
