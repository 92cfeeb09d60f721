import type { ContractInfo } from './contract-terms.js'
import { failingFilter } from './filters.js'
import type { LeadView } from './lead-view.js'
import { isValidTimeZone } from './local-time.js'
import { closedReason } from './schedule.js'

const PERIODS = ['hour', 'day', 'week', 'month']

/**
 * Contract settings are operator-written JSON: a cap period or time zone that cannot be
 * computed skips the contract with the reason, instead of failing the whole distribution.
 */
function termsProblem(contract: ContractInfo): string | null {
  const zones = [contract.schedule.timeZone, ...contract.caps.map((c) => c.timeZone)]
  const zone = zones.find((z) => z !== undefined && !isValidTimeZone(z))
  if (zone !== undefined) return `contract settings invalid: unknown time zone "${zone}"`
  const cap = contract.caps.find((c) => !PERIODS.includes(c?.period))
  if (cap) return `contract settings invalid: cap period "${cap?.period}"`
  const buyerCap = (contract.buyerCaps ?? []).find((c) => !PERIODS.includes(c?.period))
  if (buyerCap) return `buyer settings invalid: cap period "${buyerCap?.period}"`
  const buyerZone = (contract.buyerCaps ?? [])
    .map((c) => c.timeZone)
    .find((z) => z !== undefined && !isValidTimeZone(z))
  if (buyerZone !== undefined) return `buyer settings invalid: unknown time zone "${buyerZone}"`
  return null
}

export interface EligibilityInput {
  at: Date
  soldBuyerIds: readonly number[]
  exclusiveSold: boolean
  /** A ping's partial lead: filters on fields it lacks wait for the post. */
  partial?: boolean
  callQueueAvailable: boolean
  /** A re-distribution offer (src/core/redistribution): only aged-lead contracts take part. */
  aged?: boolean
}

/** Why a contract may not buy this lead now, or null when it may (one filter event each). */
export function skipReason(contract: ContractInfo, lead: LeadView, input: EligibilityInput): string | null {
  if (contract.status !== 'active') return `contract is ${contract.status}`
  if (!contract.buyerActive) return 'buyer is not active'
  if (lead.isTest && !contract.acceptsTestLeads) return 'contract does not take test leads'
  if (Boolean(contract.aged) !== (input.aged === true))
    return input.aged ? 'not an aged-lead contract' : 'aged-lead contract: takes re-distributed leads only'
  if (input.soldBuyerIds.includes(contract.buyerId)) return 'already sold to this buyer'
  if (input.exclusiveSold) return 'lead was sold exclusively'
  if (contract.exclusive && input.soldBuyerIds.length > 0) return 'exclusive contract, lead already sold'
  if (contract.delivery.kind === 'call_queue' && !input.callQueueAvailable)
    return 'call queue delivery not available'
  const invalid = termsProblem(contract)
  if (invalid) return invalid
  let closed: string | null
  try {
    closed = closedReason(contract.schedule, input.at)
  } catch (error) {
    return `contract settings invalid: schedule ${(error as Error).message}`
  }
  if (closed) return closed
  return failingFilter(contract.filters, {
    fields: lead.fields,
    sourceVid: lead.sourceVid,
    partial: input.partial,
  })
}
