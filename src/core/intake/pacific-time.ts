import { zonedToUtc } from '../time/zoned-time.js'

/**
 * LeadExec call leads give `calldate` "expressed in Pacific Time" (seed 003, Create Call Lead),
 * e.g. `11/13/2020 12:15 PM`. This turns such a wall-clock time into a UTC instant, honouring
 * daylight saving through the platform's time-zone data. An explicit offset or `Z` wins.
 */
const ZONE = 'America/Los_Angeles'
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/

export function pacificToUtc(input: string): Date | undefined {
  const text = input.trim()
  if (/([zZ]|[+-]\d{2}:?\d{2})$/.test(text) && text.includes('T')) {
    const d = new Date(text)
    return Number.isNaN(d.getTime()) ? undefined : d
  }
  const parts = wallClock(text)
  if (!parts) return undefined
  const [y, mo, d, h, mi, s] = parts
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined
  return zonedToUtc({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, ZONE)
}

function wallClock(text: string): number[] | undefined {
  const us = US.exec(text)
  if (us) {
    let hour = Number(us[4] ?? 0)
    const ampm = us[7]?.toUpperCase()
    if (ampm && (hour < 1 || hour > 12)) return undefined
    if (ampm === 'PM' && hour < 12) hour += 12
    if (ampm === 'AM' && hour === 12) hour = 0
    return [Number(us[3]), Number(us[1]), Number(us[2]), hour, Number(us[5] ?? 0), Number(us[6] ?? 0)]
  }
  const iso = ISO.exec(text)
  if (!iso) return undefined
  return [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0))
}
