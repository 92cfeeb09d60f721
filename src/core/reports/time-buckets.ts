import { LeadflowError } from '../errors.js'
import { addDays, localDateTime, zonedToUtc } from '../time/zoned-time.js'
import type { Bucket } from './report-query.js'

export interface BucketLabel {
  /** The bucket in the report's time zone: `2026-03-08 14:00`, `2026-03-08`, the week's Monday, `2026-03`. */
  readonly label: string
  /** The instant the bucket starts (UTC ISO). */
  readonly start: string
}

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * Maps the UTC hours of the rollup to buckets of the report's time zone, memoised per hour. A day
 * holds 23 or 25 UTC hours across a daylight-saving change, which this gets for free: each UTC
 * hour lands on the local date it shows. Zones whose offset is not whole hours (Asia/Kolkata) would
 * split an hourly rollup row across two local days, so they are refused rather than misreported.
 */
export function bucketMapper(bucket: Bucket, timeZone: string, fromHour: string) {
  const memo = new Map<string, BucketLabel>()
  return (hour: string): BucketLabel => {
    let found = memo.get(hour)
    if (!found) {
      found = labelOf(hour, bucket, timeZone, fromHour)
      memo.set(hour, found)
    }
    return found
  }
}

function labelOf(hour: string, bucket: Bucket, timeZone: string, fromHour: string): BucketLabel {
  const local = localDateTime(new Date(`${hour}:00:00Z`), timeZone)
  if (local.minute !== 0)
    throw new LeadflowError(
      'LF_VALIDATION',
      `Reports need a time zone whose UTC offset is whole hours, not ${timeZone}`,
    )
  const date = `${local.year}-${pad(local.month)}-${pad(local.day)}`
  const at = (d: { year: number; month: number; day: number }, h = 0) =>
    zonedToUtc({ ...d, hour: h, minute: 0 }, timeZone).toISOString()
  switch (bucket) {
    case 'hour':
      return { label: `${date} ${pad(local.hour)}:00`, start: `${hour}:00:00.000Z` }
    case 'day':
      return { label: date, start: at(local) }
    case 'week': {
      const monday = addDays(local, 1 - local.weekday)
      const label = `${monday.year}-${pad(monday.month)}-${pad(monday.day)}`
      return { label, start: at(monday) }
    }
    case 'month':
      return { label: `${local.year}-${pad(local.month)}`, start: at({ ...local, day: 1 }) }
    case 'all':
      return { label: 'all', start: `${fromHour}:00:00.000Z` }
  }
}
