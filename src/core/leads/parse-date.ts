import { eventYear, formatIsoDate, readCalendarDate } from './calendar-date.js'
import { accepted, type ParseOutcome, rejected } from './field-parser.js'

/** A calendar date in US or ISO form → ISO 8601 YYYY-MM-DD; components year, month, day. */
export function parseDate(input: string, _spec: unknown, now: Date): ParseOutcome {
  const date = readCalendarDate(input, now, eventYear)
  if (!date) return rejected(input, 'is not a valid date (use YYYY-MM-DD or MM/DD/YYYY)')
  return accepted(formatIsoDate(date), { year: date.year, month: date.month, day: date.day })
}
