import type { IntakeReason } from '../../core/intake/intake-reason.js'

/**
 * LeadExec `ResponseType` codes, exactly as the Lead Receiver document lists them (seed 003,
 * "Response Properties": No_Error = 0 … Data_Errors = 9).
 */
export const RESPONSE_TYPES = {
  No_Error: 0,
  System_ID_Missing: 1,
  LeadType_ID_Missing: 2,
  Vendor_ID_Missing: 3,
  No_Account_Found: 4,
  Outside_Criteria: 5,
  Duplicate_Lead: 6,
  Account_Disabled: 7,
  Post_Over_Max: 8,
  Data_Errors: 9,
} as const

export type ResponseTypeName = keyof typeof RESPONSE_TYPES

/** The ResponseType each of intake's reasons is reported as (one to one). */
const NAME_OF: Record<IntakeReason, ResponseTypeName> = {
  accepted: 'No_Error',
  unknown_campaign: 'System_ID_Missing',
  unknown_lead_type: 'LeadType_ID_Missing',
  missing_source: 'Vendor_ID_Missing',
  unknown_account: 'No_Account_Found',
  outside_criteria: 'Outside_Criteria',
  duplicate: 'Duplicate_Lead',
  account_disabled: 'Account_Disabled',
  over_post_cap: 'Post_Over_Max',
  invalid_data: 'Data_Errors',
}

export function responseTypeName(reason: IntakeReason): ResponseTypeName {
  return NAME_OF[reason]
}

export function responseTypeCode(reason: IntakeReason): number {
  return RESPONSE_TYPES[NAME_OF[reason]]
}
