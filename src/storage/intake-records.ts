import type {
  CampaignRecord,
  DuplicateRuleSpec,
  LeadRecord,
  LeadTypeRecord,
  SourceRecord,
  StoredLead,
} from '../core/intake/intake-store.js'
import { parseSourceSettings, safeObject } from '../core/intake/source-settings.js'
import type { FieldSpec } from '../core/leads/field-spec.js'
import { outcomeFromStored, rawFromStored, storedMode, storedRaw, storedReason } from './intake-terms.js'
import type { Campaign, Lead, LeadType, NewLead, Source } from './schema.js'

/** Row ↔ record mapping for intake (JSON columns parsed once here; stored terms in intake-terms.ts). */
export function toSourceRecord(row: Source): SourceRecord {
  return {
    id: row.id,
    vid: row.vid,
    status: row.status,
    passwordHash: row.password_hash,
    requireToken: row.require_token === 1,
    settings: parseSourceSettings(row.settings_json),
  }
}

export function toLeadTypeRecord(row: LeadType): LeadTypeRecord {
  return {
    id: row.id,
    lid: row.lid,
    status: row.status,
    fields: jsonArray(row.fields_json) as FieldSpec[],
    duplicateRules: jsonArray(row.duplicate_rules_json) as DuplicateRuleSpec[],
    qcHold: safeObject(row.settings_json).qcHold === true,
  }
}

export function toCampaignRecord(row: Campaign): CampaignRecord {
  return {
    id: row.id,
    aid: row.aid,
    sourceId: row.source_id,
    leadTypeId: row.lead_type_id,
    status: row.status,
  }
}

export function toStoredLead(row: Lead): StoredLead {
  return {
    id: row.id,
    postId: row.post_id,
    sourceId: row.source_id,
    campaignId: row.campaign_id,
    leadTypeId: row.lead_type_id,
    status: row.status,
    raw: rawFromStored(safeObject(row.raw_json)),
    fields: safeObject(row.fields_json),
    noSell: row.no_sell === 1,
    pendingQc: row.pending_qc === 1,
    returnUrl: row.return_url,
    processedAt: row.processed_at,
    receivedAt: row.received_at,
    outcome: row.outcome_json ? outcomeFromStored(JSON.parse(row.outcome_json)) : null,
  }
}

export function toLeadRow(lead: LeadRecord): NewLead {
  return {
    post_id: lead.postId,
    source_id: lead.sourceId,
    campaign_id: lead.campaignId,
    lead_type_id: lead.leadTypeId,
    reference: lead.reference,
    status: lead.status,
    response_type: lead.reason ? storedReason(lead.reason) : null,
    rejection_reason: lead.rejectionReason,
    mode: storedMode(lead.intent),
    raw_json: JSON.stringify(storedRaw(lead.raw) ?? {}),
    fields_json: JSON.stringify(lead.fields ?? {}),
    no_sell: lead.noSell ? 1 : 0,
    pending_qc: lead.pendingQc ? 1 : 0,
    return_url: lead.returnUrl,
    send_after: lead.sendAfter,
    order_id: lead.orderId,
    consent_json: lead.consent ? JSON.stringify(lead.consent) : null,
    ip: lead.ip,
    received_at: lead.receivedAt,
    price_cents: 0,
    cost_cents: 0,
    is_test: lead.isTest ? 1 : 0,
    qc_rejected: 0,
  }
}

function jsonArray(json: string): unknown[] {
  try {
    const value = JSON.parse(json)
    return Array.isArray(value) ? value : []
  } catch {
    return []
  }
}
