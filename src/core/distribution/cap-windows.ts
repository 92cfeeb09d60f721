import type { CapPeriod, CapRule } from './contract-terms.js'
import { localTime, shiftDate } from './local-time.js'

/**
 * The key of the cap window an instant falls in, in the subject's time zone: `hour:2026-11-23T09`,
 * `day:2026-11-23`, `week:2026-11-23` (the Monday it starts on), `month:2026-11`. Keys name the
 * window's local start, so a buyer's "100 a day" resets at its own midnight.
 */
export function capWindowKey(period: CapPeriod, at: Date, timeZone: string): string {
  const t = localTime(at, timeZone)
  switch (period) {
    case 'hour':
      return `hour:${t.date}T${String(t.hour).padStart(2, '0')}`
    case 'day':
      return `day:${t.date}`
    case 'week':
      return `week:${shiftDate(t, t.weekday)}`
    case 'month':
      return `month:${t.date.slice(0, 7)}`
  }
}

/** One counter a sale must fit in: its row key and limits. */
export interface CapSlot {
  subject: string
  window: string
  maxCount: number | null
  maxSpendCents: number | null
}

/** The slots a sale at `at` takes for one subject (`contract:7`, `source:2`). */
export function capSlots(
  subject: string,
  caps: readonly CapRule[],
  at: Date,
  defaultZone: string,
): CapSlot[] {
  return caps.map((cap) => ({
    subject,
    window: capWindowKey(cap.period, at, cap.timeZone ?? defaultZone),
    maxCount: cap.count ?? null,
    maxSpendCents: cap.spendCents ?? null,
  }))
}
