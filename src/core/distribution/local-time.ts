import { isTimeZone, localDateTime } from '../time/zoned-time.js'

/** Wall-clock parts of an instant in a time zone, in the shape schedules and cap windows use. */
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

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

export function localTime(at: Date, timeZone: string): LocalTime {
  const { year, month, day, hour, minute, weekday } = localDateTime(at, timeZone)
  return {
    year,
    month,
    day,
    hour,
    minute,
    weekday: weekday - 1,
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
  }
}

/** The local calendar date `days` before the given one (calendar arithmetic, no zone involved). */
export function shiftDate(local: Pick<LocalTime, 'year' | 'month' | 'day'>, days: number): string {
  const d = new Date(Date.UTC(local.year, local.month - 1, local.day - days))
  return d.toISOString().slice(0, 10)
}

export const isValidTimeZone = isTimeZone
