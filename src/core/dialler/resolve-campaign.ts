import type { CallQueueStore, DiallerCampaign } from './call-queue-store.js'

/**
 * A Comunik8 lead type is a campaign: type + subtype. The subtype is optional in the document
 * (its "Correct format lead test" example sends only `type`, and /lead/cancel has no subtype), so
 * without one the type's campaign with an empty subtype is meant, else the type's first campaign.
 */
export async function resolveCampaign(
  store: CallQueueStore,
  type: string,
  subtype: string | null,
): Promise<DiallerCampaign | undefined> {
  if (subtype !== null) return store.findCampaign(type, subtype)
  const all = await store.findCampaignsOfType(type)
  return all.find((c) => c.subtype === '') ?? all[0]
}

/** Campaigns a cancel applies to: one (type + subtype) or every campaign of the type. */
export async function campaignsToCancel(
  store: CallQueueStore,
  type: string,
  subtype: string | null,
): Promise<DiallerCampaign[]> {
  if (subtype === null) return store.findCampaignsOfType(type)
  const one = await store.findCampaign(type, subtype)
  return one ? [one] : []
}
