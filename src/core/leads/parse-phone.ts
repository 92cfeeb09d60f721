import {
  type CountryCode,
  isSupportedCountry,
  type NumberType,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max'
import { accepted, type ParseOutcome, rejected } from './field-parser.js'
import type { FieldSpec } from './field-spec.js'
import type { Components } from './parsed-value.js'

// The "max" metadata is the one that knows number types (mobile, fixed line, toll free…);
// the smaller bundles only validate lengths (libphonenumber-js README, "Metadata").

function defaultRegion(spec: FieldSpec): CountryCode {
  if (!spec.country) return 'US'
  const wanted = spec.country.toUpperCase()
  return isSupportedCountry(wanted) ? wanted : 'US'
}

/** North American Numbering Plan: NPA (area code), NXX (exchange), line — ATIS-0300076. */
function nanpComponents(national: string): Components {
  if (national.length !== 10) return {}
  return { areaCode: national.slice(0, 3), exchange: national.slice(3, 6), line: national.slice(6) }
}

function phoneComponents(phone: PhoneNumber, type: NumberType): Components {
  const components: Components = {
    countryCallingCode: phone.countryCallingCode,
    nationalNumber: phone.nationalNumber,
    e164: phone.number,
    tollFree: type === 'TOLL_FREE',
    ...(phone.countryCallingCode === '1' ? nanpComponents(phone.nationalNumber) : {}),
  }
  if (phone.country) components.country = phone.country
  if (type) components.type = type.toLowerCase()
  if (phone.ext) components.extension = phone.ext
  return components
}

/**
 * Phone in E.164 or national form (default region from spec.country), with an optional extension.
 *
 * The number's type is computed once: with "max" metadata `isValid()` is `getType() !== undefined`
 * for every region that has type patterns, and a number with a type always matches its region's
 * national pattern, which is all `isValid()` checks for a region without them
 * (libphonenumber-js isValid.js, helpers/getNumberType.js). So `isValid()` is only asked when there
 * is no type: same answer, one pass of the type regexes instead of two on a valid number.
 */
export function parsePhone(input: string, spec: FieldSpec): ParseOutcome {
  const phone = parsePhoneNumberFromString(input, { defaultCountry: defaultRegion(spec), extract: false })
  if (!phone) return rejected(input, 'is not a valid phone number')
  const type = phone.getType()
  if (type === undefined && !phone.isValid()) return rejected(input, 'is not a valid phone number')
  return accepted(phone.number, phoneComponents(phone, type))
}
