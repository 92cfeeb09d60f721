import { type BuyerPortal, createBuyerPortal } from '../core/portal/buyer-portal.js'
import { createSellerPortal, type SellerPortal } from '../core/portal/seller-portal.js'
import type { Clock } from '../core/ports.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { createPortalStore } from '../storage/portal-store.js'
import type { MoneyServices } from './money-services.js'
import type { OperationsServices } from './operations-services.js'

/** The partner portals (docs/portals.md): the buyer's and the seller's use-cases over their own records. */
export interface PortalServices {
  readonly buyer: BuyerPortal
  readonly seller: SellerPortal
}

export function createPortalServices(
  storage: StorageDialect,
  clock: Clock,
  deps: { money: MoneyServices; ops: OperationsServices; publicUrl: string },
): PortalServices {
  const store = createPortalStore(storage.db)
  return {
    buyer: createBuyerPortal({
      store,
      feedback: deps.ops.feedback,
      statements: deps.money.statements,
      credit: deps.money.credit,
      contracts: deps.ops.contracts,
    }),
    seller: createSellerPortal({
      store,
      statements: deps.money.statements,
      clock,
      publicUrl: deps.publicUrl,
    }),
  }
}
