import type { Schedule, Weekday } from './contract-terms.js'
import { localTime } from './local-time.js'

const DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/**
 * Why a contract is closed at `at`, or null when it is open. Ranges are local `[start, end)`,
 * "24:00" ends at midnight; an overnight range ("22:00"–"02:00") is written as two ranges.
 */
export function closedReason(schedule: Schedule, at: Date): string | null {
  const zone = schedule.timeZone ?? 'UTC'
  const local = localTime(at, zone)
  if (schedule.closedDates?.includes(local.date)) return `closed on ${local.date} (${zone})`
  if (!schedule.days) return null
  const day = DAYS[local.weekday] as Weekday
  const now = local.hour * 60 + local.minute
  const open = (schedule.days[day] ?? []).some(([from, to]) => now >= minutes(from) && now < minutes(to))
  if (open) return null
  const hhmm = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`
  return `outside hours of operation (${day} ${hhmm} ${zone})`
}
