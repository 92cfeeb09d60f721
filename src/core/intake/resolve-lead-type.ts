import type { IntakeDeps } from './intake-deps.js'
import type { LeadTypeRecord, SourceRecord } from './intake-store.js'
import { type Rejection, reject, toId } from './rejection.js'

/** Source still active and the posted lid known: the common start of update, duplicate check and ping. */
export async function resolveLeadType(
  deps: IntakeDeps,
  source: SourceRecord,
  lid: string | undefined,
): Promise<{ ok: true; leadType: LeadTypeRecord } | Rejection> {
  if (source.status !== 'active') return reject('Account_Disabled', 'This lead source account is disabled')
  const id = toId(lid)
  const leadType = id === undefined ? undefined : await deps.store.findLeadType(id)
  if (!leadType) return reject('LeadType_ID_Missing', `Lead type (lid) "${lid ?? ''}" was not found`)
  return { ok: true, leadType }
}
