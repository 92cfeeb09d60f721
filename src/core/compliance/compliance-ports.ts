import type { EventRecord } from '../events/event-record.js'
import type { JobSpec } from '../ports.js'
import type { ComplianceCheck, ComplianceOutcome, ComplianceResult } from './compliance-facts.js'

/** What one provider call returned, with the call itself for the lead's event trail. */
export interface ProviderAnswer {
  outcome: ComplianceOutcome
  reason: string | null
  data: Record<string, unknown>
  /** The outbound call as recorded (masked request, clipped answer), when one was made. */
  call: { request: unknown; response: unknown; startedAt: Date; durationMs: number } | null
}

export interface ConsentToken {
  /** TrustedForm certificate id (40 hex) or Jornaya LeadiD token (UUID). */
  token: string
  leadId: number
  /** Claim (retain) the certificate for this account, not only verify it. */
  claim: boolean
  email?: string
  phone?: string
}

/** TrustedForm or Jornaya: is this consent certificate genuine, and claim it for us. */
export interface ConsentVerifier {
  readonly check: Extract<ComplianceCheck, 'trustedform' | 'jornaya'>
  verify(token: ConsentToken): Promise<ProviderAnswer>
}

/** A phone DNC / litigator scrub provider: one call answers both lists. */
export interface PhoneScrubber {
  scrub(phone: string): Promise<{ dnc: ProviderAnswer; litigator: ProviderAnswer }>
}

/** The providers this process has credentials for; a check without one records `error`. */
export interface ComplianceProviders {
  trustedform?: ConsentVerifier
  jornaya?: ConsentVerifier
  scrubber?: PhoneScrubber
}

/** A lead as the compliance gate reads it. */
export interface ComplianceSubject {
  leadId: number
  sourceId: number | null
  receivedAt: Date
  /** Normalized phone (E.164) and email, when the lead has them. */
  phone: string | null
  email: string | null
  /** TrustedForm certificate id and Jornaya token found by intake (leads.consent_json). */
  trustedformId: string | null
  jornayaToken: string | null
  /** The lead type's compliance settings (lead_types.settings_json.compliance), raw. */
  leadTypeSettings: unknown
  /** Checks the lead type's contracts ask for in their filters. */
  contractChecks: ComplianceCheck[]
  /** Results already recorded for this lead (a check runs once per lead). */
  done: ComplianceResult[]
}

export interface ComplianceBlock {
  leadId: number
  reason: string
  events: readonly EventRecord[]
  jobs: readonly JobSpec[]
}

/** Storage as the gate needs it (src/storage/compliance-store.ts). */
export interface ComplianceStore {
  loadSubject(leadId: number): Promise<ComplianceSubject | null>
  /** Results and their events, one transaction; a check recorded twice keeps the first. */
  record(leadId: number, results: readonly ComplianceResult[], events: readonly EventRecord[]): Promise<void>
  /** The lead becomes unsold with the block's reason, its events and jobs, in one transaction. */
  block(block: ComplianceBlock): Promise<void>
}
