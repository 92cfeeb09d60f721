import { type LeadFilter, type LeadSearch, leadFilterOf } from '../leads/lead-browser.js'
import type { Clock } from '../ports.js'

/** One lead of an export: the list's columns, without personal data (docs/reports.md, "Exports"). */
export interface ExportedLead {
  id: number
  post_id: string
  status: string
  response_type: string | null
  source_id: number | null
  campaign_id: number | null
  lead_type_id: number | null
  reference: string | null
  price_cents: number
  cost_cents: number
  is_test: number
  received_at: string
  processed_at: string | null
}

/** Port: the filtered lead list in batches, never all at once (src/storage/lead-export.ts). */
export interface LeadBatches {
  batches(filter: LeadFilter): AsyncIterable<ExportedLead[]>
}

/** The lead list's search, exported: the same filters and search as GET /api/v1/leads. */
export interface LeadExport {
  batches(search: LeadSearch): AsyncIterable<ExportedLead[]>
}

export function createLeadExport(store: LeadBatches, clock: Clock): LeadExport {
  return { batches: (search) => store.batches(leadFilterOf(search, clock.now())) }
}
