import { LeadflowError } from '../errors.js'

export interface LeadFilter {
  /** received_at >= from (ISO time) */
  from?: string
  /** received_at < to (ISO time) */
  to?: string
  vid?: number
  lid?: number
  status?: string
}

export type LeadSummary = {
  id: number
  post_id: string
  status: string
  response_type: string | null
  mode: string
  reference: string | null
  source_id: number | null
  vid: number | null
  campaign_id: number | null
  aid: number | null
  lead_type_id: number | null
  lid: number | null
  price_cents: number
  price: number
  cost_cents: number
  cost: number
  is_test: boolean
  received_at: string
  processed_at: string | null
}

export type LeadPage = {
  items: LeadSummary[]
  total: number
  next_cursor: string | null
}

/** A lead with its events, sales, returns and conversions, as storage assembles it. */
export type LeadDetail = Record<string, unknown>

/** Port: keyset-paginated lead listing and one lead's history (src/storage/lead-listing.ts, lead-detail.ts). */
export interface LeadQueries {
  list(filter: LeadFilter, limit: number, cursor?: string): Promise<LeadPage>
  detail(id: number): Promise<LeadDetail | undefined>
}

export type LeadListQuery = LeadFilter & { limit: number; cursor?: string }

/** Leads for admins; personal data is returned whole (DESIGN.md, Security: admins see all leads). */
export interface LeadBrowser {
  list(query: LeadListQuery): Promise<LeadPage>
  get(id: number): Promise<LeadDetail>
}

export function createLeadBrowser(queries: LeadQueries): LeadBrowser {
  return {
    list({ limit, cursor, from, to, ...rest }) {
      // Times are compared as ISO text (storage/schema.ts), so inputs are brought to the stored form.
      return queries.list({ ...rest, from: iso('from', from), to: iso('to', to) }, limit, cursor)
    },
    async get(id) {
      const lead = await queries.detail(id)
      if (lead === undefined) throw new LeadflowError('LF_NOT_FOUND', `No lead with id ${id}`)
      return lead
    },
  }
}

function iso(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const time = Date.parse(value)
  if (Number.isNaN(time)) {
    const message = `must be an ISO-8601 time or date, got ${JSON.stringify(value)}`
    throw new LeadflowError('LF_VALIDATION', `${name}: ${message}`, [{ path: name, message }])
  }
  return new Date(time).toISOString()
}
