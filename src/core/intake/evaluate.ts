import { duplicateKeys } from '../leads/duplicate-keys.js'
import { type ParsedLead, parseLead } from '../leads/parse-lead.js'
import { alignFieldNames } from './align-field-names.js'
import { type ParsedCall, parseCallDetails } from './call-details.js'
import type { IntakeCommand } from './intake-command.js'
import type { IntakeDeps, LeadLimits } from './intake-deps.js'
import type {
  CampaignRecord,
  DuplicateHit,
  KeyToStore,
  LeadTypeRecord,
  SourceRecord,
} from './intake-store.js'
import { isBlank, type Rejection, reject, toId } from './rejection.js'
import { suppressionCandidates } from './suppression-candidates.js'
import { usDateTime } from './us-date-time.js'

export interface Accepted {
  ok: true
  leadType: LeadTypeRecord
  campaign: CampaignRecord | undefined
  parsed: ParsedLead
  call: ParsedCall | undefined
  keys: KeyToStore[]
}

/** A refusal keeps what was resolved so the stored rejected row can point at it. */
export type Refused = Rejection & {
  leadType?: LeadTypeRecord
  campaign?: CampaignRecord
  parsed?: ParsedLead
  /** Past the lead caps: stored without its fields, so the cap bounds what is kept too. */
  oversize?: true
}

/**
 * The checks after authentication, in the order of the reason codes (intake-reason.ts, after seed 003's response types):
 * account state, lead type, campaign, criteria, field data, suppression. Duplicates and caps are
 * decided later, inside the transaction that stores the lead, so they hold under concurrency.
 */
/** The Duplicate_Lead refusal naming the earlier lead (its id only to the same source; seed 003). */
export function duplicateRejection(hit: DuplicateHit, sourceId: number): Rejection {
  const shown = hit.sourceId === sourceId ? `, ${hit.leadId}` : ''
  return reject('duplicate', `Duplicate Lead${shown} Last Received On: ${usDateTime(hit.receivedAt)} UTC`)
}

export async function evaluate(
  deps: IntakeDeps,
  cmd: IntakeCommand,
  source: SourceRecord,
): Promise<Accepted | Refused> {
  if (source.status !== 'active') return reject('account_disabled', 'This lead source account is disabled')
  const typeId = toId(cmd.leadTypeId)
  const leadType = typeId === undefined ? undefined : await deps.store.findLeadType(typeId)
  if (!leadType) return reject('unknown_lead_type', `Lead type (lid) "${cmd.leadTypeId ?? ''}" was not found`)
  const campaign = await resolveCampaign(deps, cmd, source, leadType)
  if (campaign && !campaign.ok) return { ...campaign, leadType }
  const found = campaign?.campaign
  const criteria = checkCriteria(source, leadType)
  if (criteria) return { ...criteria, leadType, campaign: found }
  return checkLead(deps, cmd, source, leadType, found)
}

async function resolveCampaign(
  deps: IntakeDeps,
  cmd: IntakeCommand,
  source: SourceRecord,
  leadType: LeadTypeRecord,
): Promise<{ ok: true; campaign: CampaignRecord | undefined } | Rejection> {
  if (isBlank(cmd.credentials.campaignId)) {
    return { ok: true, campaign: await deps.store.defaultCampaign(source.id, leadType.id) }
  }
  const campaignId = toId(cmd.credentials.campaignId)
  const campaign = campaignId === undefined ? undefined : await deps.store.findCampaign(campaignId)
  if (!campaign || campaign.sourceId !== source.id) {
    return reject(
      'unknown_campaign',
      `Campaign (aid) "${cmd.credentials.campaignId}" was not found for this source`,
    )
  }
  if (campaign.status !== 'active') return reject('account_disabled', `Campaign ${campaign.aid} is disabled`)
  if (campaign.leadTypeId !== null && campaign.leadTypeId !== leadType.id) {
    return reject('outside_criteria', `Campaign ${campaign.aid} does not take lead type ${leadType.lid}`)
  }
  return { ok: true, campaign }
}

function checkCriteria(source: SourceRecord, leadType: LeadTypeRecord): Rejection | undefined {
  if (leadType.status !== 'active') {
    return reject('outside_criteria', `Lead type ${leadType.lid} is not accepting leads`)
  }
  const allowed = source.settings.allowedLeadTypes
  if (allowed.length > 0 && !allowed.includes(leadType.lid)) {
    return reject('outside_criteria', `This source may not post lead type ${leadType.lid}`)
  }
  return undefined
}

/**
 * A lead past the operator's caps (LEADFLOW_MAX_LEAD_FIELDS, LEADFLOW_MAX_LEAD_BYTES) is refused
 * before it is parsed or stored: one post cannot make the leads table, the events and every
 * report carry megabytes of one consumer (docs/security.md).
 */
function oversize(fields: Record<string, string>, limits: LeadLimits | undefined): string | undefined {
  if (!limits) return undefined
  const names = Object.keys(fields)
  if (names.length > limits.maxFields)
    return `The lead has ${names.length} fields; at most ${limits.maxFields} are accepted`
  let bytes = 0
  for (const name of names) bytes += Buffer.byteLength(name) + Buffer.byteLength(fields[name] ?? '')
  if (bytes > limits.maxBytes)
    return `The lead's fields take ${bytes} bytes; at most ${limits.maxBytes} are accepted`
  return undefined
}

async function checkLead(
  deps: IntakeDeps,
  cmd: IntakeCommand,
  _source: SourceRecord,
  leadType: LeadTypeRecord,
  campaign: CampaignRecord | undefined,
): Promise<Accepted | Refused> {
  const tooBig = oversize(cmd.fields, deps.limits)
  if (tooBig) return { ...reject('invalid_data', tooBig), leadType, campaign, oversize: true }
  const parsed = parseLead(leadType.fields, alignFieldNames(leadType.fields, cmd.fields), deps.clock.now())
  const callCheck = cmd.intent.kind === 'call' ? parseCallDetails(cmd.call) : undefined
  const errors = [...parsed.errors, ...(callCheck?.errors ?? [])]
  const context = { leadType, campaign, parsed }
  if (errors.length > 0) {
    return { ...reject('invalid_data', errors.map((e) => e.message).join('; ')), ...context }
  }
  const hit = await deps.store.findSuppression(leadType.id, suppressionCandidates(leadType.fields, parsed))
  if (hit) {
    const detail = `${hit.field} is on the suppression list "${hit.listName}"`
    return { ...reject('outside_criteria', detail), ...context }
  }
  // The duplicate rules are decided when the lead is saved, under a lock on its keys
  // (IntakeStore.saveLead, src/storage/claim-duplicate-keys.ts): a check here could race.
  const keys = duplicateKeys(leadType.duplicateRules, parsed)
  return { ok: true, leadType, campaign, parsed, call: callCheck?.call, keys }
}
