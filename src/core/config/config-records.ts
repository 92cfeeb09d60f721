import type { DuplicateRuleSpec, FieldSpec } from './field-types.js'

/**
 * Configuration objects as the native API shows them and the use-cases return them. Storage
 * maps rows to these (src/storage/config/*); secrets and password hashes never appear here.
 * Records are type aliases, not interfaces, so they fit the route reply types generated from the
 * response schemas (which allow additional properties).
 */

/** What an idempotent save did; `leadflow apply` counts these. */
export type SaveOutcome = 'created' | 'updated' | 'unchanged'

export interface Saved<T> {
  outcome: SaveOutcome
  record: T
}

/** A source (LeadExec vendor, `vid`); the password hash never leaves the database. */
export type SourceRecord = {
  id: number
  vid: number
  name: string
  status: string
  has_password: boolean
  require_token: boolean
  settings: Record<string, unknown>
  created_at: string
  updated_at: string
}

/** A campaign (LeadExec `aid`) with its source's vid and its lead type's lid. */
export type CampaignRecord = {
  id: number
  aid: number
  vid: number
  source_id: number
  name: string
  lid: number | null
  lead_type_id: number | null
  status: string
  settings: Record<string, unknown>
  created_at: string
  updated_at: string
}

/** A field as stored; the index signature lets it pass where any JSON object is expected. */
export type StoredField = FieldSpec & Record<string, unknown>

export type LeadTypeRecord = {
  id: number
  lid: number
  vertical_id: number
  name: string
  status: string
  fields: StoredField[]
  duplicate_rules: DuplicateRuleSpec[]
  settings: Record<string, unknown>
  created_at: string
  updated_at: string
}

/** A buyer; `id` is LeadExec's ClientUID. */
export type BuyerRecord = {
  id: number
  name: string
  status: string
  settings: Record<string, unknown>
  created_at: string
  updated_at: string
}

/** A contract; `id` is CAKE's buyer_contract_id. Prices in cents and as a decimal for display. */
export type ContractRecord = {
  id: number
  buyer_id: number
  buyer_name: string
  lead_type_id: number
  lid: number
  name: string
  status: string
  price_cents: number
  price: number
  pricing: string
  exclusive: boolean
  priority: number
  weight: number
  filters: Record<string, unknown>[]
  caps: Record<string, unknown>[]
  schedule: Record<string, unknown>
  delivery: Record<string, unknown>
  return_policy: Record<string, unknown>
  settings: Record<string, unknown>
  consecutive_errors: number
  created_at: string
  updated_at: string
}

/** A credential as listed: its prefix identifies it, the secret itself is never stored. */
export type CredentialRecord = {
  id: number
  owner_kind: string
  owner_id: number | null
  kind: string
  label: string
  prefix: string
  permissions: string[]
  allowed_cidrs: string[]
  expires_at: string | null
  revoked_at: string | null
  /** The credential that replaced this one by rotation (this one stops at expires_at). */
  rotated_to: number | null
  last_used_at: string | null
  created_at: string
  active: boolean
}

export interface CredentialFilter {
  owner_kind?: string
  owner_id?: number
}

export type OwnerKind = 'admin' | 'source' | 'buyer' | 'dialler' | 'cake'

/** A credential to store; only the hash of `secret` is kept. */
export interface NewCredential {
  ownerKind: OwnerKind
  ownerId: number | null
  kind: 'bearer' | 'api_key'
  secret: string
  label?: string
  expiresAt?: Date | null
  permissions?: readonly string[]
  allowedCidrs?: readonly string[]
}

export type CredentialCheck =
  | { ok: true; ownerId: number | null; credentialId: number }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }
