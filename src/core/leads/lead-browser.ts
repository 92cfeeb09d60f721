import { LeadflowError } from '../errors.js'
import { normalizeSuppressionValue } from '../intake/normalize-suppression-value.js'
import type { Clock } from '../ports.js'

export interface LeadFilter {
  /** received_at >= from (ISO time) */
  from?: string
  /** received_at < to (ISO time) */
  to?: string
  vid?: number
  lid?: number
  status?: string
  /** Leads carrying every one of these emails / phones, in intake's normal form (lead_contacts). */
  contacts?: string[]
  postId?: string
  reference?: string
  /** Leads sold to this buyer / through this contract. */
  buyerId?: number
  contractId?: number
  /** Leads matching any one of these (the console's one search box, read by `leadSearch`). */
  any?: LeadMatch
}

export interface LeadMatch {
  contacts: string[]
  postIds: string[]
  references: string[]
  ids: number[]
}

/** What an operator may ask the lead list for (GET /api/v1/leads, GET /api/v1/exports/leads). */
export interface LeadSearch {
  from?: string
  to?: string
  vid?: number
  lid?: number
  status?: string
  /** An email, phone, PostID, reference or lead id: whichever it can be. */
  q?: string
  email?: string
  phone?: string
  post_id?: string
  reference?: string
  buyer_id?: number
  contract_id?: number
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

export type LeadListQuery = LeadSearch & { limit: number; cursor?: string }

/** Leads for admins; personal data is returned whole (DESIGN.md, Security: admins see all leads). */
export interface LeadBrowser {
  list(query: LeadListQuery): Promise<LeadPage>
  get(id: number): Promise<LeadDetail>
}

const POST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The stored filter for a search. Emails and phones are brought to the form intake stores (the
 * field parsers' `normal`: an email lower-cased, a phone in E.164 with the US as default region),
 * so "(702) 555-1212" finds a lead posted as "+17025551212"; times to ISO text (storage/schema.ts).
 */
export function leadFilterOf(search: LeadSearch, now: Date): LeadFilter {
  const { q, email, phone, post_id, reference, buyer_id, contract_id, from, to, ...rest } = search
  const contacts = [contact('email', email, now), contact('phone', phone, now)].filter(
    (c): c is string => c !== undefined,
  )
  const filter: LeadFilter = { ...rest, from: iso('from', from), to: iso('to', to) }
  if (contacts.length > 0) filter.contacts = contacts
  if (post_id) filter.postId = post_id.trim().toLowerCase()
  if (reference) filter.reference = reference.trim()
  if (buyer_id !== undefined) filter.buyerId = buyer_id
  if (contract_id !== undefined) filter.contractId = contract_id
  const text = q?.trim()
  if (text) filter.any = matchOf(text, now)
  return filter
}

/** Everything one search-box text could be; a lead matching any of them is found. */
function matchOf(text: string, now: Date): LeadMatch {
  const normals = (['email', 'phone'] as const).map((kind) => normalizeSuppressionValue(kind, text, now))
  return {
    contacts: normals.filter((n): n is string => n !== undefined),
    postIds: POST_ID.test(text) ? [text.toLowerCase()] : [],
    references: [text],
    // Lead ids are 32-bit integers on both databases; a longer number is a phone or reference.
    ids: /^\d{1,10}$/.test(text) && Number(text) <= 2_147_483_647 ? [Number(text)] : [],
  }
}

function contact(kind: 'email' | 'phone', value: string | undefined, now: Date): string | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const normal = normalizeSuppressionValue(kind, value, now)
  if (normal !== undefined) return normal
  const message = `is not a valid ${kind}: ${JSON.stringify(value)}`
  throw new LeadflowError('LF_VALIDATION', `${kind} ${message}`, [{ path: kind, message }])
}

export function createLeadBrowser(queries: LeadQueries, clock: Clock): LeadBrowser {
  return {
    list({ limit, cursor, ...search }) {
      return queries.list(leadFilterOf(search, clock.now()), limit, cursor)
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
