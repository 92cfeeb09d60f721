import { enqueueCallFromLead, type LeadCallOutcome } from '../core/dialler/enqueue-call-from-lead.js'
import type { Clock } from '../core/ports.js'
import { createCallQueueStore } from './call-queue-store.js'
import type { StorageDialect } from './dialects/dialect.js'

const REASONS: Record<Extract<LeadCallOutcome, { ok: false }>['reason'], string> = {
  unknown_type: 'Unknown Type',
  invalid_phone: 'lead has no valid phone number',
  existing_contact: 'Existing Contact',
  already_scheduled: 'Another call is already scheduled',
}

/**
 * The call queue as the distribution engine's delivery target (its CallQueuePort,
 * src/core/distribution/distribution-run.ts): loads the stored lead's fields and schedules a call
 * in the contract's campaign (delivery_json `{ kind: 'call_queue', type, subtype }`).
 */
export function createLeadCallQueue(dialect: StorageDialect, clock: Clock) {
  const store = createCallQueueStore(dialect)
  return {
    async enqueue(
      leadId: number,
      delivery: { type?: string; subtype?: string; delaySeconds?: number },
    ): Promise<{ ok: boolean; reason: string }> {
      if (!delivery.type) return { ok: false, reason: 'call_queue delivery names no campaign type' }
      const lead = await dialect.db
        .selectFrom('leads')
        .select('fields_json')
        .where('id', '=', leadId)
        .executeTakeFirst()
      if (!lead) return { ok: false, reason: `no lead ${leadId}` }
      const outcome = await enqueueCallFromLead(store, clock, {
        leadId,
        type: delivery.type,
        subtype: delivery.subtype ?? null,
        fields: JSON.parse(lead.fields_json) as Record<string, unknown>,
        delaySeconds: delivery.delaySeconds,
      })
      if (!outcome.ok) return { ok: false, reason: REASONS[outcome.reason] }
      return { ok: true, reason: `call ${outcome.callId} due ${outcome.dueAt}` }
    },
  }
}
