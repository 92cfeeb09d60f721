import { capWindowKey } from '../distribution/cap-windows.js'
import type { CapPeriod } from '../distribution/contract-terms.js'

/**
 * The parts of `sources.settings_json` intake reads (docs/protocols/leadexec.md, "Source
 * settings"). `postCaps` limits how many posts a source may make (reason `over_post_cap`); it is
 * separate from `caps`, which distribution applies to the source's sales, and its counters use
 * their own subject (`source-posts:<id>`) so the two never count each other.
 */
export interface PostCap {
  period: CapPeriod
  count: number
}

export interface SourceSettings {
  postCaps: PostCap[]
  /** Time zone the cap windows follow (a day cap resets at the source's midnight). */
  timeZone: string
  /** Lead type lids this source may post; empty means all. */
  allowedLeadTypes: number[]
  /** Hold every lead for quality-control review instead of distributing it. */
  qcHold: boolean
  /** Every lead of this source is a test lead (docs/distribution.md, "Test leads"). */
  test: boolean
}

const PERIODS: readonly CapPeriod[] = ['hour', 'day', 'week', 'month']

export function parseSourceSettings(json: string): SourceSettings {
  const raw = safeObject(json)
  return {
    postCaps: parsePostCaps(raw.postCaps),
    timeZone: typeof raw.timeZone === 'string' ? raw.timeZone : 'UTC',
    allowedLeadTypes: Array.isArray(raw.allowedLeadTypes)
      ? raw.allowedLeadTypes.map(Number).filter(Number.isInteger)
      : [],
    qcHold: raw.qcHold === true || raw.qcHold === 1,
    test: raw.test === true,
  }
}

function parsePostCaps(value: unknown): PostCap[] {
  if (!Array.isArray(value)) return []
  return value
    .filter((c) => PERIODS.includes(c?.period) && Number.isInteger(c?.count) && c.count >= 0)
    .map((c) => ({ period: c.period, count: c.count }))
}

export function safeObject(json: string | null | undefined): Record<string, any> {
  try {
    const value = JSON.parse(json ?? '{}')
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {}
  } catch {
    return {}
  }
}

export interface PostCapSlot {
  subject: string
  window: string
  limit: number
  period: CapPeriod
}

/** The counters one post from `sourceId` at `at` must fit in. */
export function postCapSlots(sourceId: number, settings: SourceSettings, at: Date): PostCapSlot[] {
  return settings.postCaps.map((cap) => ({
    subject: `source-posts:${sourceId}`,
    window: capWindowKey(cap.period, at, settings.timeZone),
    limit: cap.count,
    period: cap.period,
  }))
}
