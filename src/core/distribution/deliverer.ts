import { buildRequest, LeadDataError } from '../delivery/build-request.js'
import { type DeliverySettings, pingTarget, resolveSandbox } from '../delivery/delivery-settings.js'
import { type RecordedDelivery, sendDelivery, unansweredAttempt } from '../delivery/send-delivery.js'
import type { DeliveryVars } from '../delivery/template.js'
import type { HttpClient } from '../ports.js'
import type { ContractInfo } from './contract-terms.js'
import type { FieldValue } from './lead-view.js'

/** A delivery attempt with the request as sent, secrets masked (for the event). */
export type DeliveryCall = RecordedDelivery

export interface Deliverer {
  post(contract: ContractInfo, fields: Record<string, FieldValue>, vars: DeliveryVars): Promise<DeliveryCall>
  /** Null when the contract has no ping endpoint. */
  ping(
    contract: ContractInfo,
    fields: Record<string, FieldValue>,
    vars: DeliveryVars,
    deadlineMs: number,
  ): Promise<DeliveryCall> | null
}

function failed(reason: string): DeliveryCall {
  return { ...unansweredAttempt('error', reason, 0), request: null }
}

/** Not sent because of the lead's data: a "no" from leadflow itself, not the buyer's error. */
function leadDataProblem(reason: string): DeliveryCall {
  return {
    ...unansweredAttempt('rejected', `lead data problem: ${reason}`, 0),
    request: null,
    leadDataProblem: true,
  }
}

async function call(
  http: HttpClient,
  target: DeliverySettings,
  fields: Record<string, FieldValue>,
  vars: DeliveryVars,
  deadlineMs?: number,
): Promise<DeliveryCall> {
  let request: ReturnType<typeof buildRequest>
  try {
    request = buildRequest(target, fields, vars)
  } catch (error) {
    if (error instanceof LeadDataError) return leadDataProblem(error.message)
    return failed(`cannot build request: ${(error as Error).message}`)
  }
  if (deadlineMs !== undefined) request = { ...request, timeoutMs: Math.min(request.timeoutMs, deadlineMs) }
  const sent = sendDelivery(http, request, target.response, target.auth)
  if (deadlineMs === undefined) return sent
  // One deadline for the whole auction, even if a client ignored its own timeout.
  return Promise.race([sent, sleep(deadlineMs + 50).then(() => failed(`timeout after ${deadlineMs} ms`))])
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

/**
 * Opens a contract's sealed credentials (src/storage/contract-secrets.ts). Called here, as the
 * request is built, so plaintext credentials live only for the length of one attempt.
 */
export type RevealSecrets = (delivery: DeliverySettings) => DeliverySettings

/** HTTP delivery of posts and pings; sandbox contracts resolve against leadflow's public URL. */
export function createDeliverer(http: HttpClient, publicUrl: string, reveal: RevealSecrets): Deliverer {
  const target = (contract: ContractInfo) => resolveSandbox(reveal(contract.delivery), publicUrl)
  return {
    post: (contract, fields, vars) => call(http, target(contract), fields, vars),
    ping(contract, fields, vars, deadlineMs) {
      const pingAt = pingTarget(target(contract))
      return pingAt ? call(http, pingAt, fields, vars, deadlineMs) : null
    },
  }
}
