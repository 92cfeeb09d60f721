import type { CallContact, CallQueueStore, DiallerCampaign } from './call-queue-store.js'
import { nextCallableTime } from './calling-hours.js'
import { consumerTimeZone } from './consumer-time-zone.js'
import { phoneCountry } from './phone.js'

export type ScheduleResult =
  | { kind: 'scheduled'; callId: number; dueAt: Date }
  | { kind: 'existing_contact' }
  | { kind: 'already_scheduled' }

/**
 * Puts a contact into a campaign's queue, due after `delaySeconds` and inside the consumer's
 * calling hours. Must run inside `store.inTransaction`. The rules (Comunik8 Leads API, Fail
 * States): a contact with a live call gets "Another call is already scheduled"; a contact the
 * campaign already had (its call finished) is "Existing Contact". Both hold under concurrency
 * because the contact and the live call are unique in the database, not because of the lookups.
 */
export async function scheduleContact(
  tx: CallQueueStore,
  campaign: DiallerCampaign,
  contact: CallContact,
  leadId: number | null,
  delaySeconds: number,
  now: Date,
): Promise<ScheduleResult> {
  const key = contact.mobile
  if (!(await tx.insertContact(campaign.id, key, now))) {
    const live = await tx.hasLiveCall(campaign.id, key)
    return { kind: live ? 'already_scheduled' : 'existing_contact' }
  }
  const zone = consumerTimeZone(phoneCountry(contact.mobile), campaign.settings.timeZone)
  const earliest = new Date(now.getTime() + delaySeconds * 1000)
  const dueAt = nextCallableTime(earliest, campaign.settings.callingHours, zone)
  const callId = await tx.insertCall(
    { ...contact, campaignId: campaign.id, contactKey: key, leadId, dueAt },
    now,
  )
  return callId === undefined ? { kind: 'already_scheduled' } : { kind: 'scheduled', callId, dueAt }
}
