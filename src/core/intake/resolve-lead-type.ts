import type { IntakeDeps } from './intake-deps.js'
import type { LeadTypeRecord, SourceRecord } from './intake-store.js'
import { type Rejection, reject, toId } from './rejection.js'

/** Source still active and the posted lead type known: the common start of update, duplicate check and ping. */
export async function resolveLeadType(
  deps: IntakeDeps,
  source: SourceRecord,
  leadTypeId: string | undefined,
): Promise<{ ok: true; leadType: LeadTypeRecord } | Rejection> {
  if (source.status !== 'active') return reject('account_disabled', 'This lead source account is disabled')
  const id = toId(leadTypeId)
  const leadType = id === undefined ? undefined : await deps.store.findLeadType(id)
  if (!leadType) return reject('unknown_lead_type', `Lead type (lid) "${leadTypeId ?? ''}" was not found`)
  return { ok: true, leadType }
}
