import { zonedToUtc } from '../time/zoned-time.js'
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

/**
 * The UTC instants a window key (from `capWindowKey`) starts and ends at in `timeZone`: the local
 * start of this window and of the next one. An hour repeated by a fall-back change is one window
 * of two hours (both carry the same key); a local start skipped by a spring-forward is the first
 * instant after the gap.
 */
export function capWindowBounds(window: string, timeZone: string): { start: Date; end: Date } {
  const [period, label = ''] = window.split(/:(.*)/s) as [CapPeriod, string?]
  const [y, m, d = 1] = label.slice(0, 10).split('-').map(Number) as [number, number, number?]
  const hour = period === 'hour' ? Number(label.slice(11, 13)) : 0
  const inside = (t: Date) => capWindowKey(period, t, timeZone) === window
  // A local time a spring-forward skipped does not exist: the window's edge is the next local
  // hour that does, so step until the instant is (start) or is past (end) this window.
  const first = (month: number, day: number, h: number, wanted: (t: Date) => boolean) => {
    let t = zonedToUtc({ year: y, month, day, hour: h, minute: 0 }, timeZone)
    for (let step = 1; step <= 3 && !wanted(t); step++)
      t = zonedToUtc({ year: y, month, day, hour: h + step, minute: 0 }, timeZone)
    return t
  }
  const start = first(m, d, hour, inside)
  const past = (t: Date) => t > start && !inside(t)
  switch (period) {
    case 'hour':
      return { start, end: first(m, d, hour + 1, past) }
    case 'day':
      return { start, end: first(m, d + 1, 0, past) }
    case 'week':
      return { start, end: first(m, d + 7, 0, past) }
    default:
      return { start, end: first(m + 1, 1, 0, past) }
  }
}
