/** A day in the proleptic Gregorian calendar, with no time and no zone. */
export interface CalendarDate {
  year: number
  month: number
  day: number
}

export type TwoDigitYearRule = (twoDigits: number, now: Date) => number

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

export function isRealDate({ year, month, day }: CalendarDate): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0')
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
}

/** The calendar day of an instant in UTC, the zone leadflow keeps its clock in. */
export function utcCalendarDate(now: Date): CalendarDate {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() }
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}

// ISO 8601 calendar date, optionally followed by a time that is ignored (2024-03-01T10:00:00Z).
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/
// US order month/day/year with "/", "-" or "." between, year of 4 or 2 digits.
const US = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/

/**
 * Reads an ISO (YYYY-MM-DD) or US (MM/DD/YYYY, M/D/YY) date. The shapes cannot be confused:
 * ISO starts with four digits, US with one or two. Returns undefined for any other text and for
 * days that do not exist (Feb 30, Feb 29 outside a leap year).
 */
export function readCalendarDate(
  text: string,
  now: Date,
  twoDigitYear: TwoDigitYearRule,
): CalendarDate | undefined {
  const iso = ISO.exec(text)
  const us = iso ? undefined : US.exec(text)
  let date: CalendarDate | undefined
  if (iso) date = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
  if (us) {
    const year = us[4].length === 2 ? twoDigitYear(Number(us[4]), now) : Number(us[4])
    date = { year, month: Number(us[1]), day: Number(us[3]) }
  }
  return date && isRealDate(date) ? date : undefined
}

/**
 * A two-digit year for an event date: the year in the century window that ends 20 years after
 * `now` (in 2026: 00–46 → 2000–2046, 47–99 → 1947–1999), the window most software uses.
 */
export function eventYear(twoDigits: number, now: Date): number {
  const limit = now.getUTCFullYear() + 20
  const year = limit - ((((limit - twoDigits) % 100) + 100) % 100)
  return year
}

/** A two-digit year for a birth date: the latest such year not after `now`'s year. */
export function birthYear(twoDigits: number, now: Date): number {
  const current = now.getUTCFullYear()
  return current - ((((current - twoDigits) % 100) + 100) % 100)
}
