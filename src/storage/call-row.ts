import type { Selectable } from 'kysely'
import type { DiallerCampaign, QueuedCall } from '../core/dialler/call-queue-store.js'
import { readCampaignSettings } from '../core/dialler/campaign-settings.js'
import type { CallTable, DiallerCampaignTable } from './schema.js'

export type Call = Selectable<CallTable>
export type DiallerCampaignRow = Selectable<DiallerCampaignTable>

function parseData(json: string | null): Record<string, unknown> | null {
  if (!json) return null
  try {
    return JSON.parse(json) as Record<string, unknown>
  } catch {
    return null
  }
}

export function toQueuedCall(row: Call): QueuedCall {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    contactKey: row.contact_key,
    leadId: row.lead_id,
    status: row.status as QueuedCall['status'],
    email: row.email,
    firstName: row.first_name,
    surname: row.surname,
    mobile: row.mobile ?? row.contact_key,
    otherPhone: row.other_phone,
    data: parseData(row.data_json),
    dueAt: row.due_at,
    attempts: row.attempts,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    lastResult: row.last_result,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export function toDiallerCampaign(row: DiallerCampaignRow): DiallerCampaign {
  return {
    id: row.id,
    type: row.type,
    subtype: row.subtype,
    name: row.name,
    settings: readCampaignSettings(row.settings_json),
    createdAt: row.created_at,
  }
}
