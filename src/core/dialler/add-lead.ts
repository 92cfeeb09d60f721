import type { Clock } from '../ports.js'
import type { CallQueueStore } from './call-queue-store.js'
import { resolveCampaign } from './resolve-campaign.js'
import { type ScheduleResult, scheduleContact } from './schedule-contact.js'
import {
  type AddLeadCommand,
  type FieldErrors,
  type ValidAddLead,
  validateAddLead,
} from './validate-add-lead.js'

export type NotProcessedReason = 'unknown_type' | 'existing_contact' | 'already_scheduled'

export type AddLeadOutcome =
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'test_ok' }
  | { kind: 'processed'; leadId: number; callId: number; dueAt: Date }
  | { kind: 'not_processed'; leadId: number; reason: NotProcessedReason }

function fieldsOf(lead: ValidAddLead): Record<string, unknown> {
  return {
    email: lead.email,
    firstName: lead.firstName,
    surname: lead.surname,
    mobile: lead.mobile.e164,
    type: lead.type,
    subtype: lead.subtype,
    otherPhone: lead.otherPhone?.e164 ?? null,
    data: lead.data,
    delaySeconds: lead.delaySeconds,
  }
}

/**
 * /lead/add: a valid lead is saved (a lead row, "saved": true) and, when its type is a campaign and
 * the contact is new to it, becomes a call due after `delays` seconds ("processed": true). A test
 * lead is validated and nothing is written (Comunik8 Leads API, Adding Leads). All writes share
 * one transaction, so a failure leaves no half-saved lead.
 */
export async function addLead(
  store: CallQueueStore,
  clock: Clock,
  command: AddLeadCommand,
  raw: unknown = command,
): Promise<AddLeadOutcome> {
  const check = validateAddLead(command)
  if (!check.ok) return { kind: 'invalid', errors: check.errors }
  const lead = check.lead
  if (lead.test) return { kind: 'test_ok' }
  const now = clock.now()
  return store.inTransaction(async (tx) => {
    const leadId = await tx.saveSubmittedLead({ raw, fields: fieldsOf(lead) }, now)
    const campaign = await resolveCampaign(tx, lead.type, lead.subtype)
    const result: ScheduleResult | { kind: 'unknown_type' } = campaign
      ? await scheduleContact(tx, campaign, contactOf(lead), leadId, lead.delaySeconds, now)
      : { kind: 'unknown_type' }
    const reason = result.kind === 'scheduled' ? null : result.kind
    await tx.markSubmittedLead(leadId, reason === null, reason, now)
    await tx.recordEvent(
      {
        leadId,
        step: 'add',
        outcome: reason ? 'rejected' : 'accepted',
        reason,
        data: { campaignId: campaign?.id },
      },
      now,
    )
    if (result.kind === 'scheduled')
      return { kind: 'processed', leadId, callId: result.callId, dueAt: result.dueAt }
    return { kind: 'not_processed', leadId, reason: result.kind }
  })
}

function contactOf(lead: ValidAddLead) {
  return {
    email: lead.email,
    firstName: lead.firstName,
    surname: lead.surname,
    mobile: lead.mobile.e164,
    otherPhone: lead.otherPhone?.e164 ?? null,
    data: lead.data,
  }
}
