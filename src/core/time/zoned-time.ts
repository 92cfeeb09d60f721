/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl (no tz library), shared by
 * every domain that thinks in local time: contract schedules and cap windows, dialler calling
 * hours, LeadExec call dates in Pacific time. "09:00 in Europe/London" moves against UTC twice a
 * year; one cached formatter per zone, since building one costs far more than formatting with it.
 */
export interface LocalDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    })
    formatters.set(timeZone, f)
  }
  return f
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

export function localDateTime(at: Date, timeZone: string): LocalDateTime & { second: number } {
  const parts: Record<string, string> = {}
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday] ?? 1,
  }
}

/** Milliseconds the zone is ahead of UTC at instant `t`. */
function offsetAt(t: number, timeZone: string): number {
  const l = localDateTime(new Date(t), timeZone)
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second)
  return asUtc - Math.floor(t / 1000) * 1000
}

/**
 * The instant a wall clock in `timeZone` shows the given local time. Two passes settle the offset
 * across a DST change; a local time skipped by a spring-forward lands just after the gap.
 */
export function zonedToUtc(
  local: Pick<LocalDateTime, 'year' | 'month' | 'day' | 'hour' | 'minute'> & { second?: number },
  timeZone: string,
): Date {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0)
  const first = guess - offsetAt(guess, timeZone)
  const second = guess - offsetAt(first, timeZone)
  return new Date(second)
}

/** The calendar date `days` after the given one (handles month and year ends). */
export function addDays(
  date: Pick<LocalDateTime, 'year' | 'month' | 'day'>,
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay()
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday }
}
