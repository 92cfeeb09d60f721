import { duplicateKeys } from '../leads/duplicate-keys.js'
import { parseLead } from '../leads/parse-lead.js'
import { alignFieldNames } from './align-field-names.js'
import { authenticate } from './authenticate.js'
import type { IntakeCommand, IntakeOutcome, SourceCredentials } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import type { StoredLead } from './intake-store.js'
import { PROCESS_LEAD_TASK } from './intake-tasks.js'
import { acceptedOutcome, rejectedOutcome } from './outcomes.js'
import { type Rejection, reject, toId } from './rejection.js'
import { resolveLeadType } from './resolve-lead-type.js'

export interface UpdateCommand {
  credentials: SourceCredentials
  leadTypeId?: string
  /** The id of the lead to update, as posted. */
  leadUid?: string
  processDelivery: boolean
  fields: Record<string, string>
}

export const UPDATED_DETAIL = 'Lead information updated'

/** States in which processDelivery may send the lead again: never a sold, returned or refused one. */
const REDELIVERABLE = new Set(['accepted', 'unsold'])

/**
 * Update Lead (seed 003): new values merge over the stored ones and the whole lead is parsed
 * again, so an update can fix a field but never leave the lead invalid; on any error nothing
 * changes. With processDelivery an unsold lead goes back to distribution through a job.
 */
export async function updateLead(deps: IntakeDeps, cmd: UpdateCommand): Promise<IntakeOutcome> {
  const post = { postId: '', receivedAt: deps.clock.now().toISOString() }
  const auth = await authenticate(deps, cmd.credentials, cmd.leadTypeId)
  if (!auth.ok) return rejectedOutcome(post, auth, false)
  const resolved = await resolveLeadType(deps, auth.source, cmd.leadTypeId)
  if (!resolved.ok) return rejectedOutcome(post, resolved, false)
  const found = await findLead(deps, cmd, auth.source.id, resolved.leadType.id)
  if (!found.ok) return rejectedOutcome(post, found, false)
  const lead = found.lead
  const { leadType } = resolved
  const previous = ((lead.raw.command as IntakeCommand | undefined)?.fields ?? {}) as Record<string, string>
  const merged = { ...previous, ...alignFieldNames(leadType.fields, nonEmpty(cmd.fields)) }
  const parsed = parseLead(leadType.fields, alignFieldNames(leadType.fields, merged), deps.clock.now())
  const here = { postId: lead.postId, receivedAt: lead.receivedAt }
  if (parsed.errors.length > 0) {
    const detail = parsed.errors.map((e) => e.message).join('; ')
    return rejectedOutcome(here, reject('invalid_data', detail), false)
  }
  const redistribute = cmd.processDelivery && REDELIVERABLE.has(lead.status) && !lead.noSell
  const fields: Record<string, unknown> = { ...lead.fields, ...parsed.fields }
  await deps.store.updateLead({
    leadId: lead.id,
    leadTypeId: leadType.id,
    sourceId: auth.source.id,
    fields,
    raw: { ...lead.raw, command: { ...(lead.raw.command ?? {}), fields: merged } },
    keys: duplicateKeys(leadType.duplicateRules, parsed),
    redistribute,
    event: { kind: 'intake', step: 'update', outcome: 'updated', reason: null, data: { redistribute } },
    jobs: redistribute
      ? [
          {
            task: PROCESS_LEAD_TASK,
            payload: { leadId: lead.id },
            options: { key: `intake-update:${lead.id}` },
          },
        ]
      : [],
  })
  const campaign = lead.campaignId === null ? undefined : await deps.store.findCampaignById(lead.campaignId)
  const outcome = acceptedOutcome(here, lead.id, campaign?.aid ?? 0, lead.pendingQc)
  return { ...outcome, detail: UPDATED_DETAIL, priceCents: lead.outcome?.priceCents ?? 0 }
}

async function findLead(
  deps: IntakeDeps,
  cmd: UpdateCommand,
  sourceId: number,
  leadTypeId: number,
): Promise<{ ok: true; lead: StoredLead } | Rejection> {
  const id = toId(cmd.leadUid)
  if (id === undefined) return reject('invalid_data', 'lpleaduid (lead identifier) is required')
  const lead = await deps.store.loadLead(id)
  if (!lead || lead.sourceId !== sourceId)
    return reject('invalid_data', `Lead ${id} was not found for this source`)
  if (lead.leadTypeId !== leadTypeId)
    return reject('unknown_lead_type', `Lead ${id} is not of lead type ${cmd.leadTypeId}`)
  if (lead.status === 'rejected' || lead.status === 'queued') {
    return reject('invalid_data', `Lead ${id} is ${lead.status} and cannot be updated`)
  }
  return { ok: true, lead }
}

function nonEmpty(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''))
}
