import {
  birthYear,
  type CalendarDate,
  compareDates,
  formatIsoDate,
  readCalendarDate,
  utcCalendarDate,
} from './calendar-date.js'
import { accepted, type ParseOutcome, rejected } from './field-parser.js'

const OLDEST_AGE = 120

/** Whole years from birth to today; the birthday counts from its own day (Feb 29 from Mar 1 in other years). */
export function ageOn(birth: CalendarDate, today: CalendarDate): number {
  const years = today.year - birth.year
  const hadBirthday = today.month > birth.month || (today.month === birth.month && today.day >= birth.day)
  return hadBirthday ? years : years - 1
}

/** A date of birth: a date as parseDate reads it, not in the future, at most 120 years ago; adds age. */
export function parseDob(input: string, _spec: unknown, now: Date): ParseOutcome {
  const birth = readCalendarDate(input, now, birthYear)
  if (!birth) return rejected(input, 'is not a valid date (use YYYY-MM-DD or MM/DD/YYYY)')
  const today = utcCalendarDate(now)
  const normal = formatIsoDate(birth)
  const age = ageOn(birth, today)
  const components = { year: birth.year, month: birth.month, day: birth.day, age }
  if (compareDates(birth, today) > 0) return rejected(normal, 'is in the future', components)
  if (age > OLDEST_AGE) return rejected(normal, `is more than ${OLDEST_AGE} years ago`, components)
  return accepted(normal, components)
}
