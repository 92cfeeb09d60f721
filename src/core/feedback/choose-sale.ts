import type { SaleContext } from './feedback-store.js'

export type SaleChoice = { ok: true; sale: SaleContext } | { ok: false; reason: string }

/**
 * Which sale of a lead a return concerns. A lead may be sold to several buyer contracts; CAKE
 * names the one with `buyer_contract_id` (002, "Sending a value in this field will specify which
 * sale from a multi-sale is to be returned"). Without it the choice must be unambiguous.
 */
export function chooseSale(
  leadRef: string,
  sales: readonly SaleContext[],
  contractId: number | null,
): SaleChoice {
  if (sales.length === 0) return { ok: false, reason: `Lead ${leadRef} has not been sold` }
  if (contractId !== null) {
    const sale = sales.find((s) => s.contractId === contractId)
    if (sale) return { ok: true, sale }
    return { ok: false, reason: `Buyer contract ${contractId} did not purchase lead ${leadRef}` }
  }
  if (sales.length === 1) return { ok: true, sale: sales[0]! }
  const ids = sales.map((s) => s.contractId).join(', ')
  return {
    ok: false,
    reason: `Lead ${leadRef} was sold to several buyer contracts (${ids}); specify the buyer contract to return`,
  }
}
