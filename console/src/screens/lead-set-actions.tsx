import { api } from '../api'
import { useCan } from '../auth'
import { useConfirm } from '../components/confirm-dialog'
import { useAction } from '../query'
import { REDISTRIBUTE } from './lead-actions'

const OFFERABLE = ['unsold', 'returned']

export interface LeadSetFilter {
  status: string
  vid: string
  lid: string
  from?: string
  to?: string
  /** Filters the set route cannot apply: with any of them set the button is not shown. */
  narrowedBy: boolean
}

/**
 * "Re-distribute these…" on the Leads list: queues a re-offer of every unsold or returned lead the
 * list's filters select (POST /leads/redistribute, one job per lead), after a confirmation.
 */
export function RedistributeSet({ filter }: { filter: LeadSetFilter }) {
  const can = useCan()
  const confirm = useConfirm()
  const run = useAction<void, { matched: number; queued: number }>({
    run: () =>
      api('POST', '/leads/redistribute', {
        statuses: filter.status ? [filter.status] : OFFERABLE,
        ...(filter.lid ? { lid: Number(filter.lid) } : {}),
        ...(filter.vid ? { vid: Number(filter.vid) } : {}),
        ...(filter.from ? { received_from: filter.from } : {}),
        ...(filter.to ? { received_to: filter.to } : {}),
      }),
    success: (r) => `${r.queued} of ${r.matched} leads queued for re-distribution.`,
    invalidate: [['/leads']],
  })
  if (!can(REDISTRIBUTE) || filter.narrowedBy) return null
  if (filter.status && !OFFERABLE.includes(filter.status)) return null
  const go = async () => {
    const ok = await confirm({
      title: 'Re-distribute the leads these filters select?',
      body: `Every ${filter.status || 'unsold or returned'} lead matching the source, lead type and time filters is offered again to the contracts that buy aged leads.`,
      confirmLabel: 'Re-distribute',
      tone: 'plain',
    })
    if (ok) run.mutate()
  }
  return (
    <button type="button" disabled={run.isPending} onClick={() => void go()}>
      Re-distribute these…
    </button>
  )
}
