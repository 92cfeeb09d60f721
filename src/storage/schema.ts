import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { AccountTables } from './accounts-schema.js'
import type { WebhookTables } from './webhook-schema.js'

/**
 * The whole data model (docs/data-model.md). Conventions that hold on both databases:
 * - ids are integers from the database, except `events.id`, `leads.post_id` and
 *   `ping_orders.id`, which are opaque strings handed to partners;
 * - money is integer cents (`*_cents`), never floating point;
 * - times are ISO-8601 UTC strings (`2026-11-23T15:04:05.123Z`), which sort correctly as text;
 * - booleans are 0/1 integers; structured settings are JSON text (`*_json`).
 */
type Id = Generated<number>
type Bool = number
type Json = string
type Time = string

export interface SourceTable {
  id: Id
  /** LeadExec `vid`, the number a source posts with. */
  vid: number
  name: string
  status: string // active | disabled
  /** scrypt hash of the source's API password, or null when none is required. */
  password_hash: string | null
  /** When 1 a bearer token is required besides the password. */
  require_token: Bool
  settings_json: Json // caps, margin, max deliveries, postback url, qc hold, allowed lead types
  created_at: Time
  updated_at: Time
}

export interface CampaignTable {
  id: Id
  /** LeadExec `aid` (VendorAccountAssigned). */
  aid: number
  source_id: number
  name: string
  lead_type_id: number | null
  status: string
  settings_json: Json
  created_at: Time
  updated_at: Time
}

export interface CredentialTable {
  id: Id
  /** admin | source | buyer | dialler | cake */
  owner_kind: string
  owner_id: number | null
  /** bearer | api_key */
  kind: string
  label: string
  /** sha256 of the secret (secrets are random, so a fast hash is enough); unique for lookup. */
  secret_hash: string
  /** First characters of the secret, shown in listings so an operator can tell keys apart. */
  prefix: string
  scopes_json: Json
  expires_at: Time | null
  revoked_at: Time | null
  last_used_at: Time | null
  /** CIDR blocks the key may be used from; empty: anywhere (migration 007). */
  allowed_cidrs_json: Generated<Json>
  /** The credential that replaced this one by rotation; this one expires after the grace period. */
  rotated_to: number | null
  created_at: Time
}

export interface LeadTypeTable {
  id: Id
  /** LeadExec `lid`. */
  lid: number
  /** CAKE `vertical_id`. */
  vertical_id: number
  name: string
  status: string
  /** [{ name, type, required, allowed, label, ... }] */
  fields_json: Json
  /** [{ fields: [..], windowDays, scope: 'source' | 'all' }] */
  duplicate_rules_json: Json
  /** strategy, qc hold, max sends, ping settings, dialler campaign */
  settings_json: Json
  created_at: Time
  updated_at: Time
}

export interface BuyerTable {
  id: Id // LeadExec ClientUID
  name: string
  status: string
  settings_json: Json
  created_at: Time
  updated_at: Time
}

export interface ContractTable {
  id: Id // CAKE buyer_contract_id
  buyer_id: number
  lead_type_id: number
  name: string
  /** active | paused (auto-paused after errors) | off */
  status: string
  price_cents: number
  /** fixed | bid */
  pricing: string
  exclusive: Bool
  priority: number
  weight: number
  filters_json: Json
  caps_json: Json
  schedule_json: Json
  delivery_json: Json
  return_policy_json: Json
  settings_json: Json
  consecutive_errors: Generated<number>
  created_at: Time
  updated_at: Time
}

export interface LeadTable {
  id: Id // LeadIdentifier
  post_id: string // PostID (GUID)
  source_id: number | null
  campaign_id: number | null
  lead_type_id: number | null
  reference: string | null
  /** received | queued | pending_qc | accepted | sold | unsold | rejected | returned */
  status: string
  /** LeadExec ResponseType name of the intake decision. */
  response_type: string | null
  rejection_reason: string | null
  /** Which intake endpoint took it: general | manualredirect | autoredirect | returnsends | transfer | calldata | native ... */
  mode: Generated<string>
  raw_json: Generated<Json>
  fields_json: Generated<Json>
  /** Sum paid by buyers. */
  price_cents: Generated<number>
  /** Owed to the source. */
  cost_cents: Generated<number>
  no_sell: Generated<Bool>
  pending_qc: Generated<Bool>
  qc_reviewed_at: Time | null
  qc_rejected: Generated<Bool>
  qc_reason: string | null
  return_url: string | null
  redirect_url: string | null
  send_after: Time | null
  order_id: string | null
  consent_json: Json | null
  ip: string | null
  is_test: Generated<Bool>
  received_at: Time
  processed_at: Time | null
  /** The full protocol-neutral outcome, for status endpoints and callbacks. */
  outcome_json: Json | null
}

/** Every valid email and phone of a lead in its normal form, kept by triggers (migration 020). */
export interface LeadContactTable {
  lead_id: number
  value: string
}

/** One row per duplicate key of a lead, indexed for the duplicate lookup. */
export interface LeadKeyTable {
  id: Id
  lead_id: number
  lead_type_id: number
  source_id: number | null
  /** e.g. "Email" or "Email+Phone" */
  rule: string
  /** sha256 of the normalized values */
  key_hash: string
  created_at: Time
}

export interface EventTable {
  /** 24 lowercase hex characters; sent to buyers, used by feedback (LeadConduit event id). */
  id: string
  lead_id: number | null
  /** intake | filter | ping | post | delivery | sale | feedback | return | conversion | callback | qc | dialler | system */
  kind: string
  step: string
  /** contract / buyer / source this step concerned */
  contract_id: number | null
  buyer_id: number | null
  source_id: number | null
  outcome: string // success | failure | error | skip | accepted | rejected ...
  reason: string | null
  started_at: Time
  finished_at: Time | null
  duration_ms: number | null
  request_json: Json | null
  response_json: Json | null
  data_json: Json | null
}

export interface SaleTable {
  id: Id
  lead_id: number
  contract_id: number
  buyer_id: number
  /** The event id the buyer received with the lead. */
  event_id: string
  price_cents: number
  /** sold | returned | credited | replaced */
  state: Generated<string>
  buyer_lead_id: string | null
  redirect_url: string | null
  replacement_for_sale_id: number | null
  converted_at: Time | null
  created_at: Time
}

export interface PingOrderTable {
  id: string // OrderID
  source_id: number
  lead_type_id: number
  estimated_price_cents: number
  bids_json: Json
  fields_json: Json
  expires_at: Time
  used_at: Time | null
  used_by_lead_id: number | null
  created_at: Time
}

/** A queued async ping (LeadExec ping …/async); `id` is its PostID. */
export interface PingRequestTable {
  id: string
  source_id: number
  lead_type_id: number
  /** queued | done */
  status: string
  /** The ping command without secrets, and the response format. */
  request_json: Json
  /** The ping's answer once run. */
  response_json: Json | null
  return_url: string | null
  created_at: Time
  processed_at: Time | null
}

/** One row per rotation (migration 015): upserting it serializes the rotation's turns. */
export interface RotationGroupTable {
  group_key: string
  turns: number
}

/** Turns a contract has had in one rotation (migration 015). */
export interface RotationTurnTable {
  group_key: string
  contract_id: number
  served: number
}

export interface CapCounterTable {
  id: Id
  /** contract:<id> | buyer:<id> | source:<id> */
  subject: string
  /** hour|day|week|month + the window's start in the subject's time zone, e.g. day:2026-11-23 */
  window: string
  count: number
  spend_cents: number
}

export interface ReasonTable {
  id: Id
  /** return | reject */
  kind: string
  name: string
  active: Bool
  created_at: Time
}

export interface ReturnTable {
  id: Id
  sale_id: number
  lead_id: number
  buyer_id: number
  contract_id: number
  /** pending | credited | replaced | rejected */
  status: string
  reason_id: number | null
  reason: string | null
  denied_reason_id: number | null
  /** leadconduit | cake | native */
  channel: string
  event_id: string | null
  created_at: Time
  decided_at: Time | null
}

export interface ConversionTable {
  id: Id
  sale_id: number
  lead_id: number
  buyer_id: number
  amount_cents: number | null
  event_id: string | null
  created_at: Time
}

export interface LedgerTable {
  id: Id
  /** buyer | source */
  account_kind: string
  account_id: number
  lead_id: number | null
  sale_id: number | null
  /** sale | credit | source_cost | chargeback | adjustment */
  entry: string
  /** Signed: what the account owes us is positive for buyers, what we owe is positive for sources. */
  amount_cents: number
  memo: string | null
  created_at: Time
  /** Accounting date, YYYY-MM-DD UTC (migration 012): creation date, or the first open day. Null only in old fixtures. */
  booked_on: string | null
}

/** Per buyer with a credit limit (migration 012); balance kept by a ledger trigger. */
export interface BuyerCreditTable {
  buyer_id: number
  limit_cents: number | null
  balance_cents: number
  reserved_cents: number
  updated_at: Time
}

/** One row (id 1): the first day not in a closed period. */
export interface AccountingBooksTable {
  id: number
  open_from: string
  closed_at: Time | null
}

export interface ReplacementTable {
  id: Id
  original_sale_id: number
  buyer_id: number
  contract_id: number
  lead_type_id: number
  fulfilled_sale_id: number | null
  created_at: Time
  fulfilled_at: Time | null
}

export interface SuppressionListTable {
  id: Id
  name: string
  /** email | phone | ip | postal_code */
  kind: string
  lead_type_id: number | null
  created_at: Time
}

export interface SuppressionEntryTable {
  id: Id
  list_id: number
  value: string // normalized
  created_at: Time
}

export interface DiallerCampaignTable {
  id: Id
  type: string
  subtype: string
  name: string
  settings_json: Json // retry policy, calling hours, default time zone
  created_at: Time
}

export interface DiallerContactTable {
  id: Id
  campaign_id: number
  /** normalized mobile, or email when no phone */
  contact_key: string
  created_at: Time
}

export interface CallTable {
  id: Id
  campaign_id: number
  contact_key: string
  lead_id: number | null
  /** scheduled | in_progress | done | cancelled */
  status: string
  email: string | null
  first_name: string | null
  surname: string | null
  mobile: string | null
  other_phone: string | null
  data_json: Json | null
  due_at: Time
  attempts: Generated<number>
  claimed_by: string | null
  claimed_at: Time | null
  last_result: string | null
  created_at: Time
  updated_at: Time
}

export interface JobTable {
  id: Id
  task: string
  payload_json: Json
  /** queued | running | done | failed */
  status: Generated<string>
  run_at: Time
  attempts: Generated<number>
  max_attempts: Generated<number>
  locked_by: string | null
  locked_at: Time | null
  last_error: string | null
  /** Optional de-duplication key: one live job per key. */
  key: string | null
  created_at: Time
  finished_at: Time | null
}

export interface SandboxInboxTable {
  id: Id
  sandbox: string
  kind: string // ping | post
  request_json: Json
  response_json: Json
  received_at: Time
}

export interface SettingTable {
  key: string
  value: string
}

/**
 * One row (id 1) whose version the database itself increments, by trigger, whenever intake's
 * configuration changes (sources, lead_types, campaigns, suppression_lists), whoever writes it:
 * the native API, `leadflow apply` in another process, another node. src/storage/config-cache.ts.
 */
export interface ConfigVersionTable {
  id: number
  version: number
}

/**
 * Counts and sums of cents per UTC hour, metric and dimension, kept by row triggers in the
 * writer's transaction (migration 010, docs/reports.md). Dimensions without a value hold 0 or ''.
 */
export interface ReportRollupTable {
  /** `YYYY-MM-DDTHH` (UTC) */
  hour: string
  /** lead:<status> | held_qc | sale | replacement | return:<status> | return:requested | conversion | ledger:<account kind>:<entry> */
  metric: string
  /** The rejection's response type for rejected leads, the return reason's id for returns. */
  reason: string
  source_id: number
  campaign_id: number
  lead_type_id: number
  /** The lead's State field, upper-cased. */
  geo: string
  buyer_id: number
  contract_id: number
  is_test: Bool
  shard: number
  n: number
  amount_cents: number
}

export interface IdempotencyKeyTable {
  scope: string
  key: string
  request_hash: string
  /** running | done */
  state: string
  response_status: number | null
  response_type: string | null
  response_location: string | null
  response_body: string | null
  created_at: string
  expires_at: string
}

/** What the demo world created (migration 008): `credential` → secret hash, `source` → source id. */
export interface DemoMarkTable {
  kind: string
  ref: string
}

/** Abuse-limit counters shared by PostgreSQL nodes (src/storage/rate-limit-store.ts). */
export interface RateLimitTable {
  key: string
  count: number
  reset_at: Time
}

/** A re-distribution rule (migration 016, docs/distribution.md "Re-distribution"). */
export interface RedistributionRuleTable {
  id: Id
  name: string
  active: Bool
  lead_type_id: number | null
  source_id: number | null
  /** ["unsold", "returned"] */
  statuses_json: Json
  after_minutes: number
  max_attempts: number
  max_consent_age_days: number | null
  created_at: Time
  updated_at: Time
}

/** How often a lead was re-offered (migration 016). */
export interface LeadOfferTable {
  lead_id: number
  attempts: number
  last_offered_at: Time
  last_rule_id: number | null
  last_outcome: string | null
}

/** One compliance check's result per lead (migration 016, docs/compliance.md). */
export interface LeadComplianceTable {
  lead_id: number
  check_name: string
  outcome: string
  reason: string | null
  data_json: Json | null
  checked_at: Time
}

export interface Database extends AccountTables, WebhookTables {
  redistribution_rules: RedistributionRuleTable
  lead_offers: LeadOfferTable
  lead_compliance: LeadComplianceTable
  idempotency_keys: IdempotencyKeyTable
  sources: SourceTable
  campaigns: CampaignTable
  credentials: CredentialTable
  lead_types: LeadTypeTable
  buyers: BuyerTable
  contracts: ContractTable
  leads: LeadTable
  lead_keys: LeadKeyTable
  lead_contacts: LeadContactTable
  events: EventTable
  sales: SaleTable
  ping_orders: PingOrderTable
  ping_requests: PingRequestTable
  cap_counters: CapCounterTable
  rotation_groups: RotationGroupTable
  rotation_turns: RotationTurnTable
  reasons: ReasonTable
  returns: ReturnTable
  conversions: ConversionTable
  ledger: LedgerTable
  replacements: ReplacementTable
  suppression_lists: SuppressionListTable
  suppression_entries: SuppressionEntryTable
  dialler_campaigns: DiallerCampaignTable
  dialler_contacts: DiallerContactTable
  calls: CallTable
  jobs: JobTable
  sandbox_inbox: SandboxInboxTable
  settings: SettingTable
  config_version: ConfigVersionTable
  report_rollup: ReportRollupTable
  demo_marks: DemoMarkTable
  rate_limits: RateLimitTable
  buyer_credit: BuyerCreditTable
  accounting_books: AccountingBooksTable
}

export type Source = Selectable<SourceTable>
export type Campaign = Selectable<CampaignTable>
export type LeadType = Selectable<LeadTypeTable>
export type Buyer = Selectable<BuyerTable>
export type Contract = Selectable<ContractTable>
export type Lead = Selectable<LeadTable>
export type NewLead = Insertable<LeadTable>
export type LeadUpdate = Updateable<LeadTable>
export type Event = Selectable<EventTable>
export type Sale = Selectable<SaleTable>
export type Job = Selectable<JobTable>
