import type { Clock } from '../ports.js'
import type { CallContact, CallQueueStore } from './call-queue-store.js'
import { normalizePhone } from './phone.js'
import { resolveCampaign } from './resolve-campaign.js'
import { scheduleContact } from './schedule-contact.js'

/**
 * The call queue as a delivery target of the distribution engine (docs/dialler.md): a contract
 * whose delivery_json is `{ "kind": "call_queue", "type": "…", "subtype": "…" }` sends its lead
 * into that campaign's queue instead of over HTTP.
 */
export interface LeadCallRequest {
  /** leads.id of the lead being delivered. */
  leadId: number
  type: string
  subtype?: string | null
  /** leads.fields_json as stored (`{ Phone: { raw, normal, … } }`) or plain values; any naming. */
  fields: Record<string, unknown>
  /** Postpone the call by this many seconds (default 0). */
  delaySeconds?: number
}

export type LeadCallOutcome =
  | { ok: true; callId: number; dueAt: string }
  | { ok: false; reason: 'unknown_type' | 'invalid_phone' | 'existing_contact' | 'already_scheduled' }

/** Field names compared without case, spaces, "_" or "-"; the first one present wins. */
const ALIASES: Record<keyof Omit<CallContact, 'data'>, string[]> = {
  mobile: ['mobile', 'mobilephone', 'cellphone', 'phone', 'phonenumber', 'primaryphone', 'homephone'],
  email: ['email', 'emailaddress'],
  firstName: ['firstname', 'forename', 'givenname'],
  surname: ['surname', 'lastname', 'familyname'],
  otherPhone: ['otherphone', 'workphone', 'secondaryphone', 'phone2', 'alternatephone'],
}

const squash = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '')

function pick(fields: Record<string, unknown>, aliases: string[], used: Set<string>): string | null {
  const byName = new Map(Object.keys(fields).map((k) => [squash(k), k]))
  for (const alias of aliases) {
    const key = byName.get(alias)
    const value = key === undefined ? undefined : fields[key]
    if (key !== undefined && value !== null && value !== undefined && String(value).trim() !== '') {
      used.add(key)
      return String(value).trim()
    }
  }
  return null
}

/**
 * Intake stores each field as `{ raw, normal, valid, components }` (leads.fields_json); plain
 * values are accepted too. The normalized value is the one to dial.
 */
function plainValues(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(fields)) {
    const stored = value !== null && typeof value === 'object' && ('normal' in value || 'raw' in value)
    out[name] = stored ? ((value as { normal?: unknown }).normal ?? (value as { raw?: unknown }).raw) : value
  }
  return out
}

function contactFrom(
  fields: Record<string, unknown>,
): Omit<CallContact, 'mobile'> & { mobile: string | null } {
  const used = new Set<string>()
  const picked = {
    mobile: pick(fields, ALIASES.mobile, used),
    email: pick(fields, ALIASES.email, used),
    firstName: pick(fields, ALIASES.firstName, used),
    surname: pick(fields, ALIASES.surname, used),
    otherPhone: pick(fields, ALIASES.otherPhone, used),
  }
  const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => !used.has(k)))
  return { ...picked, data: Object.keys(rest).length > 0 ? rest : null }
}

/**
 * Schedules a call for a stored lead in the campaign `type`/`subtype`, with the same rules as
 * /lead/add (one live call per contact, "Existing Contact"). Joins the caller's transaction when
 * `store` was created on one (createCallQueueStore(dialect, trx)); otherwise opens its own.
 */
export async function enqueueCallFromLead(
  store: CallQueueStore,
  clock: Clock,
  request: LeadCallRequest,
): Promise<LeadCallOutcome> {
  const contact = contactFrom(plainValues(request.fields))
  const phone = contact.mobile ? normalizePhone(contact.mobile) : undefined
  if (!phone) return { ok: false, reason: 'invalid_phone' }
  const other = contact.otherPhone ? normalizePhone(contact.otherPhone) : undefined
  const now = clock.now()
  return store.inTransaction(async (tx) => {
    const campaign = await resolveCampaign(tx, request.type, request.subtype ?? null)
    if (!campaign) return { ok: false, reason: 'unknown_type' }
    const full = { ...contact, mobile: phone.e164, otherPhone: other?.e164 ?? null }
    const result = await scheduleContact(tx, campaign, full, request.leadId, request.delaySeconds ?? 0, now)
    const outcome = result.kind === 'scheduled' ? 'accepted' : 'rejected'
    const reason = result.kind === 'scheduled' ? null : result.kind
    const data = {
      campaignId: campaign.id,
      ...(result.kind === 'scheduled' ? { callId: result.callId } : {}),
    }
    await tx.recordEvent({ leadId: request.leadId, step: 'enqueue', outcome, reason, data }, now)
    if (result.kind !== 'scheduled') return { ok: false, reason: result.kind }
    return { ok: true, callId: result.callId, dueAt: result.dueAt.toISOString() }
  })
}
