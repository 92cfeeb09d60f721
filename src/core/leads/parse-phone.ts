import {
  type CountryCode,
  isSupportedCountry,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max'
import { accepted, type ParseOutcome, rejected } from './field-parser.js'
import type { FieldSpec } from './field-spec.js'
import type { Components } from './parsed-value.js'

// The "max" metadata is the one that knows number types (mobile, fixed line, toll free…);
// the smaller bundles only validate lengths (libphonenumber-js README, "Metadata").

function defaultRegion(spec: FieldSpec): CountryCode {
  const wanted = (spec.country ?? 'US').toUpperCase()
  return isSupportedCountry(wanted) ? wanted : 'US'
}

/** North American Numbering Plan: NPA (area code), NXX (exchange), line — ATIS-0300076. */
function nanpComponents(national: string): Components {
  if (national.length !== 10) return {}
  return { areaCode: national.slice(0, 3), exchange: national.slice(3, 6), line: national.slice(6) }
}

function phoneComponents(phone: PhoneNumber): Components {
  const type = phone.getType()
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

/** Phone in E.164 or national form (default region from spec.country), with an optional extension. */
export function parsePhone(input: string, spec: FieldSpec): ParseOutcome {
  const phone = parsePhoneNumberFromString(input, { defaultCountry: defaultRegion(spec), extract: false })
  if (!phone?.isValid()) return rejected(input, 'is not a valid phone number')
  return accepted(phone.number, phoneComponents(phone))
}
