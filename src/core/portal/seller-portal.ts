import { LeadflowError } from '../errors.js'
import type { Statement, Statements } from '../money/statements.js'
import type { Clock } from '../ports.js'
import type { Page, PortalStore, PostedLead, SellerStats } from './portal-store.js'
import { type PostingInstructions, postingInstructions } from './posting-instructions.js'

export interface SellerPortalDeps {
  store: PortalStore
  statements: Statements
  clock: Clock
  publicUrl: string
}

export type SellerRates = SellerStats & {
  days: number
  /** Share of posted leads not rejected at intake, 0–1 (null without leads). */
  acceptance_rate: number | null
  /** Share of sales returned (credited or replaced), 0–1 (null without sales). */
  return_rate: number | null
}

export interface SellerPortal {
  leads(sourceId: number, limit: number, before: number | null): Promise<Page<PostedLead>>
  rates(sourceId: number, days: number): Promise<SellerRates>
  statement(sourceId: number, period: string): Promise<Statement>
  instructions(sourceId: number): Promise<PostingInstructions>
}

const rate = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000

/**
 * The seller portal (docs/portals.md). Buyers stay anonymous to a seller (`sales[].buyer_*` are
 * emptied) unless the operator set `showBuyers` in the source's settings.
 */
export function createSellerPortal(deps: SellerPortalDeps): SellerPortal {
  const source = async (sourceId: number) => {
    const found = await deps.store.sellerSource(sourceId)
    if (!found) throw new LeadflowError('LF_NOT_FOUND', `Source ${sourceId} does not exist`)
    return found
  }
  return {
    async leads(sourceId, limit, before) {
      const { showBuyers } = await source(sourceId)
      const page = await deps.store.postedLeads(sourceId, limit, before)
      if (showBuyers) return page
      const hide = (s: PostedLead['sales'][number]) => ({ ...s, buyer_id: null, buyer_name: null })
      return { ...page, items: page.items.map((l) => ({ ...l, sales: l.sales.map(hide) })) }
    },
    async rates(sourceId, days) {
      const since = new Date(deps.clock.now().getTime() - days * 86_400_000)
      const s = await deps.store.sellerStats(sourceId, since)
      return {
        ...s,
        days,
        acceptance_rate: rate(s.leads - s.rejected, s.leads),
        return_rate: rate(s.returned, s.sales),
      }
    },
    statement: (sourceId, period) => deps.statements.statement('source', sourceId, period),
    async instructions(sourceId) {
      return postingInstructions(await source(sourceId), deps.publicUrl)
    },
  }
}
