import { type CapSlot, capSlots } from './cap-windows.js'
import { type ContractInfo, contractTimeZone } from './contract-terms.js'
import type { SourceInfo } from './distribution-ports.js'

/**
 * Every cap counter one sale at `at` must fit in: the contract's, the buyer's across all its
 * contracts (`buyer:<id>`), and the source's. A test lead takes none (docs/distribution.md,
 * "Test leads"): it never counts in a cap.
 */
export function saleSlots(
  contract: ContractInfo,
  source: Pick<SourceInfo, 'id' | 'caps' | 'timeZone'>,
  at: Date,
  isTest = false,
): CapSlot[] {
  if (isTest) return []
  return [
    ...capSlots(`contract:${contract.id}`, contract.caps, at, contractTimeZone(contract)),
    ...capSlots(`buyer:${contract.buyerId}`, contract.buyerCaps ?? [], at, contract.buyerTimeZone ?? 'UTC'),
    ...(source.id === null ? [] : capSlots(`source:${source.id}`, source.caps, at, source.timeZone)),
  ]
}
