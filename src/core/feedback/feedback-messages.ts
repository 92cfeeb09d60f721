/**
 * Refusal texts shared by every channel. ALREADY_IN_RETURN_LIST is CAKE's documented error
 * (002, "Example Error Messages"); leadflow uses the same words for LeadConduit duplicates so a
 * buyer and an admin read the same refusal.
 */
export const ALREADY_IN_RETURN_LIST = 'Lead is Already in Return List'
export const ALREADY_CONVERTED = 'A conversion is already recorded for this lead'
export const RETURNED_CANNOT_CONVERT = 'A returned lead cannot be converted'
export const CONVERTED_CANNOT_RETURN = 'A converted lead cannot be returned'
export const RETURNS_NOT_ACCEPTED = 'Returns are not accepted for this lead'
export const CONVERSIONS_NOT_ACCEPTED = 'Conversions are not accepted for this lead'
export const REASON_REQUIRED = 'A reason is required for a return'
export const TYPE_REQUIRED = 'A feedback type is required: return or conversion'

export function unsupportedType(type: string): string {
  return `Unsupported feedback type "${type}": the accepted types are return and conversion`
}

/** The LeadConduit document's own example wording (000, "How does LeadConduit respond"). */
export function outsideWindow(days: number): string {
  return `Must provide return within ${days} ${days === 1 ? 'day' : 'days'}`
}

export function reasonNotAccepted(reason: string, accepted: readonly string[]): string {
  return `Return reason "${reason}" is not accepted; accepted reasons: ${accepted.join(', ')}`
}

export function returnRateReached(maxRate: number, periodDays: number): string {
  const percent = Math.round(maxRate * 1000) / 10
  return `Return limit reached: at most ${percent}% of leads may be returned per ${periodDays} days`
}
