/** Shapes of the native API (docs/api.md); fields other domains add are read loosely. */
export interface LeadSummary {
  id: number
  post_id: string
  status: string
  response_type: string | null
  mode: string
  reference: string | null
  vid: number | null
  aid: number | null
  lid: number | null
  price_cents: number
  cost_cents: number
  is_test: boolean
  received_at: string
  processed_at: string | null
}

export interface LeadPage {
  items: LeadSummary[]
  total: number
  next_cursor: string | null
}

export interface LeadEvent {
  id: string
  kind: string
  step: string | null
  outcome: string | null
  reason: string | null
  buyer_id: number | null
  contract_id: number | null
  started_at: string
  finished_at: string | null
  duration_ms: number | null
  request: CapturedRequest | null
  response: CapturedResponse | null
  data: unknown
}

export interface CapturedRequest {
  method?: string
  url?: string
  headers?: Record<string, string>
  body?: unknown
}

export interface CapturedResponse {
  status?: number
  headers?: Record<string, string>
  body?: unknown
  durationMs?: number
  error?: string
}

export interface Sale {
  id: number
  event_id: string
  buyer_id: number
  buyer_name: string | null
  contract_id: number
  contract_name: string | null
  price_cents: number
  state: string
  buyer_lead_id?: string | null
  created_at: string
}

export type Row = Record<string, unknown>

export interface LeadDetail extends LeadSummary {
  source: { id: number; vid: number; name: string } | null
  campaign: { id: number; aid: number } | null
  lead_type: { id: number; lid: number; name: string } | null
  rejection_reason: string | null
  fields: unknown
  raw: unknown
  outcome: unknown
  consent: unknown
  pending_qc: boolean
  qc_rejected: boolean
  qc_reason: string | null
  no_sell: boolean
  ip: string | null
  events: LeadEvent[]
  sales: Sale[]
  returns: Row[]
  conversions: Row[]
}

export interface Source {
  id: number
  vid: number
  name: string
  status: string
  has_password: boolean
  require_token: boolean
  settings: Record<string, unknown>
  created_at: string
}

export interface Campaign {
  aid: number
  vid: number
  name: string
  lid: number | null
  status: string
}

export interface LeadType {
  id: number
  lid: number
  name: string
  status: string
}

export interface Buyer {
  id: number
  name: string
  status: string
  created_at: string
}

export interface Cap {
  period: string
  count?: number
  spendCents?: number
}

export interface Contract {
  id: number
  buyer_id: number
  buyer_name: string
  lid: number | null
  name: string
  status: string
  price_cents: number
  pricing: string
  exclusive: boolean
  priority: number
  weight: number
  caps: Cap[]
  delivery: Record<string, unknown>
  consecutive_errors: number
}

export interface Return {
  id: number
  status: string
  sale_id: number
  lead_id: number
  post_id: string
  buyer_id: number
  contract_id: number
  price_cents: number
  sale_event_id: string
  reason: string | null
  channel: string
  created_at: string
  decided_at: string | null
}

export interface Reason {
  id: number
  kind: string
  name: string
  active: boolean
}

export interface Items<T> {
  items: T[]
}
