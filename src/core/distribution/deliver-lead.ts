import { sendLeadEmail } from '../delivery/email-delivery.js'
import { unansweredAttempt } from '../delivery/send-delivery.js'
import type { DeliveryVars } from '../delivery/template.js'
import type { ContractInfo } from './contract-terms.js'
import type { DeliveryCall } from './deliverer.js'
import type { DistributionDeps, DistributionRun } from './distribution-run.js'

/** The idempotency key of one lead to one contract: the same across retries of that delivery. */
export function idempotencyKey(leadId: number, contractId: number): string {
  return `lf-${leadId}-${contractId}`
}

/** Sends the lead to a contract: an HTTP post, a dialler call queue (`kind: 'call_queue'`) or an email. */
export async function deliverLead(
  run: DistributionRun,
  deps: DistributionDeps,
  contract: ContractInfo,
  eventId: string,
  price: number,
): Promise<DeliveryCall> {
  if (contract.delivery.kind === 'call_queue') return queueCall(run, deps, contract)
  const vars: DeliveryVars = {
    event_id: eventId,
    lead_id: run.ctx.lead.id,
    idempotency_key: idempotencyKey(run.ctx.lead.id, contract.id),
    price: (price / 100).toFixed(2),
  }
  if (contract.delivery.kind === 'email')
    return sendLeadEmail(deps.mailer, contract.delivery, run.ctx.lead.fields, vars)
  return deps.deliverer.post(contract, run.ctx.lead.fields, vars)
}

async function queueCall(
  run: DistributionRun,
  deps: DistributionDeps,
  contract: ContractInfo,
): Promise<DeliveryCall> {
  const started = Date.now()
  let result: { ok: boolean; reason: string }
  try {
    result = deps.callQueue
      ? await deps.callQueue.enqueue(run.ctx.lead.id, contract.delivery)
      : { ok: false, reason: 'call queue delivery not available' }
  } catch (error) {
    result = { ok: false, reason: `call queue failed: ${(error as Error).message}` }
  }
  return {
    ...unansweredAttempt(result.ok ? 'accepted' : 'rejected', result.reason, Date.now() - started),
    request: {
      method: 'QUEUE',
      url: `call_queue:${contract.delivery.type}/${contract.delivery.subtype}`,
      headers: {},
      body: null,
    },
  }
}
