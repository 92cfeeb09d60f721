import type { Caller } from '../accounts/caller.js'
import { LeadflowError } from '../errors.js'

/**
 * The buyer a portal caller acts for. The route's permission lets a buyer user in; the buyer id
 * it carries is what scopes every read, so a caller without one (an operator) is refused.
 */
export function buyerOf(caller: Caller | null | undefined): number {
  if (caller?.buyerId == null)
    throw new LeadflowError('LF_FORBIDDEN', 'The buyer portal is for buyer accounts')
  return caller.buyerId
}

/** The source a seller portal caller acts for (see buyerOf). */
export function sourceOf(caller: Caller | null | undefined): number {
  if (caller?.sourceId == null)
    throw new LeadflowError('LF_FORBIDDEN', 'The seller portal is for seller accounts')
  return caller.sourceId
}
