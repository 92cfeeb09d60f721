/**
 * A contract for aged or remnant leads (`contracts.settings_json.aged`, docs/distribution.md,
 * "Re-distribution"): it takes no fresh lead, only leads re-distributed after they went unsold or
 * were returned, at its own price — a flat `priceCents` or a price per age band, so the price can
 * fall as the lead ages.
 */
export interface AgedBand {
  /** The band starts when the lead is this many hours old. */
  fromHours: number
  priceCents: number
}

export interface AgedTerms {
  /** Youngest lead the contract takes, hours since intake. */
  minAgeHours: number
  /** Oldest lead it takes; null for any age. */
  maxAgeHours: number | null
  priceCents: number | null
  /** Sorted by `fromHours`, youngest first. */
  bands: AgedBand[]
}

const nonNegative = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0

export function agedTerms(raw: unknown): AgedTerms | null {
  if (raw === true) return { minAgeHours: 0, maxAgeHours: null, priceCents: null, bands: [] }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null
  const s = raw as Record<string, unknown>
  const bands = Array.isArray(s.bands)
    ? s.bands
        .filter((b): b is AgedBand => nonNegative(b?.fromHours) && nonNegative(b?.priceCents))
        .map((b) => ({ fromHours: b.fromHours, priceCents: b.priceCents }))
        .sort((a, b) => a.fromHours - b.fromHours)
    : []
  return {
    minAgeHours: nonNegative(s.minAgeHours) ? s.minAgeHours : 0,
    maxAgeHours: nonNegative(s.maxAgeHours) ? s.maxAgeHours : null,
    priceCents: nonNegative(s.priceCents) ? s.priceCents : null,
    bands,
  }
}

/** Why this aged contract does not take a lead this old, or null. */
export function agedAgeProblem(terms: AgedTerms, ageHours: number): string | null {
  if (ageHours < terms.minAgeHours)
    return `lead is ${Math.floor(ageHours)} hours old, the contract takes leads from ${terms.minAgeHours} hours`
  if (terms.maxAgeHours !== null && ageHours > terms.maxAgeHours)
    return `lead is ${Math.floor(ageHours)} hours old, the contract takes leads up to ${terms.maxAgeHours} hours`
  return null
}

/** The price for a lead of this age: its band's, else the flat aged price, else the contract's. */
export function agedPriceCents(terms: AgedTerms, contractPriceCents: number, ageHours: number): number {
  const band = [...terms.bands].reverse().find((b) => ageHours >= b.fromHours)
  return band?.priceCents ?? terms.priceCents ?? contractPriceCents
}
