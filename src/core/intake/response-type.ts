/**
 * LeadExec `ResponseType` codes, exactly as the Lead Receiver document lists them
 * (seed 003, "Response Properties": No_Error = 0 … Data_Errors = 9). Intake decides in these
 * terms because every protocol maps to them well; other adapters translate them.
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

export function responseTypeCode(name: ResponseTypeName): number {
  return RESPONSE_TYPES[name]
}
