import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

/**
 * Comunik8 is a UK dialler and its examples are UK numbers written nationally (07840258823), so a
 * number without a country code is read as British (Comunik8 Leads API, Examples).
 */
export const DEFAULT_PHONE_REGION = 'GB'

export interface Phone {
  /** E.164, e.g. +447840258823: the contact key of the call queue. */
  e164: string
  country: string | undefined
}

/** A valid number in E.164 with its country, or undefined. Uses the full metadata ("max"). */
export function normalizePhone(raw: string): Phone | undefined {
  const parsed = parsePhoneNumberFromString(raw, DEFAULT_PHONE_REGION)
  if (!parsed?.isValid()) return undefined
  return { e164: parsed.number, country: parsed.country }
}

export function phoneCountry(e164: string | null): string | undefined {
  if (!e164) return undefined
  return parsePhoneNumberFromString(e164)?.country
}
