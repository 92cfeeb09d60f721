import { addDays, localDateTime, zonedToUtc } from '../time/zoned-time.js'

/**
 * When a campaign may ring a consumer, in the consumer's own time zone: between `start` and `end`
 * ("HH:MM", end exclusive, "24:00" allowed) on the listed ISO weekdays (1 = Monday … 7 = Sunday).
 */
export interface CallingHours {
  start: string
  end: string
  days: number[]
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h * 60 + m
}

function at(date: { year: number; month: number; day: number }, minutes: number, timeZone: string): Date {
  const hour = Math.floor(minutes / 60)
  if (hour === 24) return zonedToUtc({ ...addDays(date, 1), hour: 0, minute: 0 }, timeZone)
  return zonedToUtc({ ...date, hour, minute: minutes % 60 }, timeZone)
}

/**
 * The earliest instant at or after `from` that lies inside the calling hours. No hours means any
 * time. Looks a week ahead, which always finds a window when `days` is not empty.
 */
export function nextCallableTime(from: Date, hours: CallingHours | null, timeZone: string): Date {
  if (!hours || hours.days.length === 0) return from
  const today = localDateTime(from, timeZone)
  for (let i = 0; i <= 7; i++) {
    const date = addDays(today, i)
    if (!hours.days.includes(date.weekday)) continue
    const opens = at(date, minutesOf(hours.start), timeZone)
    const closes = at(date, minutesOf(hours.end), timeZone)
    if (from < closes) return from > opens ? from : opens
  }
  return from
}

export function isCallableAt(when: Date, hours: CallingHours | null, timeZone: string): boolean {
  return nextCallableTime(when, hours, timeZone).getTime() === when.getTime()
}
