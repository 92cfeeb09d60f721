/**
 * Wall-clock parts of an instant in an IANA time zone, through Intl.DateTimeFormat (one cached
 * formatter per zone: building one costs far more than formatting with it).
 */
export interface LocalTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  /** 0 = Monday … 6 = Sunday (ISO order, so weeks start on Monday). */
  weekday: number
  /** YYYY-MM-DD */
  date: string
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
    formatters.set(timeZone, f)
  }
  return f
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {}
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value
  const year = Number(parts.year)
  const month = Number(parts.month)
  const day = Number(parts.day)
  return {
    year,
    month,
    day,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
  }
}

/** The local calendar date `days` before the given one (calendar arithmetic, no zone involved). */
export function shiftDate(local: Pick<LocalTime, 'year' | 'month' | 'day'>, days: number): string {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day - days))
  return d.toISOString().slice(0, 10)
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}
