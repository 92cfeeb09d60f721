/**
 * Why intake answered as it did: leadflow's own reason codes. Each protocol renders them in its
 * own terms (LeadExec: src/protocols/leadexec/response-type.ts). The checks that produce them run
 * in the order listed (docs/architecture.md, "Intake").
 */
export const INTAKE_REASONS = [
  /** Taken in (stored, and distributed unless held). */
  'accepted',
  /** The posted campaign is not one of this source's. */
  'unknown_campaign',
  /** No lead type given, or none with that id, or the lead is not of that type. */
  'unknown_lead_type',
  /** No source id, or not a positive whole number. */
  'missing_source',
  /** No such source, or its credentials do not authenticate. */
  'unknown_account',
  /** The lead falls outside what may be taken (lead type, campaign, suppression, order). */
  'outside_criteria',
  'duplicate',
  /** The source or campaign is disabled. */
  'account_disabled',
  /** The source is over one of its post caps. */
  'over_post_cap',
  /** Field data, call details or the request itself are not valid. */
  'invalid_data',
] as const

export type IntakeReason = (typeof INTAKE_REASONS)[number]
