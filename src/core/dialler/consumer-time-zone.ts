/**
 * The consumer's time zone, derived from the country of their phone number (the only location a
 * Comunik8 lead carries). Only countries with a single civil time zone are listed; for the others
 * (US, CA, AU, RU, BR, MX, …) a number says nothing about the zone, so the campaign's own zone is
 * used — see docs/dialler.md, "Calling hours".
 */
const SINGLE_ZONE_COUNTRIES: Readonly<Record<string, string>> = {
  GB: 'Europe/London',
  GG: 'Europe/Guernsey',
  JE: 'Europe/Jersey',
  IM: 'Europe/Isle_of_Man',
  IE: 'Europe/Dublin',
  FR: 'Europe/Paris',
  DE: 'Europe/Berlin',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  LU: 'Europe/Luxembourg',
  IT: 'Europe/Rome',
  CH: 'Europe/Zurich',
  AT: 'Europe/Vienna',
  DK: 'Europe/Copenhagen',
  SE: 'Europe/Stockholm',
  NO: 'Europe/Oslo',
  FI: 'Europe/Helsinki',
  PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague',
  SK: 'Europe/Bratislava',
  HU: 'Europe/Budapest',
  RO: 'Europe/Bucharest',
  BG: 'Europe/Sofia',
  GR: 'Europe/Athens',
  LT: 'Europe/Vilnius',
  LV: 'Europe/Riga',
  EE: 'Europe/Tallinn',
  MT: 'Europe/Malta',
  CY: 'Asia/Nicosia',
  IS: 'Atlantic/Reykjavik',
  IN: 'Asia/Kolkata',
  PK: 'Asia/Karachi',
  PH: 'Asia/Manila',
  ZA: 'Africa/Johannesburg',
  NG: 'Africa/Lagos',
  AE: 'Asia/Dubai',
  SG: 'Asia/Singapore',
  JP: 'Asia/Tokyo',
  NZ: 'Pacific/Auckland',
}

export function consumerTimeZone(country: string | undefined, campaignTimeZone: string): string {
  return (country && SINGLE_ZONE_COUNTRIES[country]) || campaignTimeZone
}
