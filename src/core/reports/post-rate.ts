import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'

/** Posts received in one UTC minute, by the lead's current status. */
export type MinuteCount = {
  /** The minute's first instant, ISO-8601 UTC (`2026-11-29T23:05:00.000Z`). */
  readonly minute: string
  readonly posts: number
  readonly sold: number
  readonly rejected: number
}

/** Port over the leads table (src/storage/post-rate-store.ts). */
export interface PostRateStore {
  /** Minutes of `[from, to)` that had posts, ascending; test traffic only when asked. */
  countByMinute(from: string, to: string, includeTest: boolean): Promise<MinuteCount[]>
}

export interface PostRateQuery {
  /** How many whole minutes back from the current one (included). */
  minutes?: number
  includeTest?: boolean
}

export type PostRateReport = {
  from: string
  to: string
  minutes: MinuteCount[]
}

export interface PostRate {
  perMinute(query: PostRateQuery): Promise<PostRateReport>
}

const MINUTE = 60_000
export const MAX_MINUTES = 24 * 60
const DEFAULT_MINUTES = 60

/**
 * Posts per minute for the console's live chart (docs/reports.md, "Posts per minute"). The
 * hourly rollup is too coarse for it, so it counts leads by `received_at` (indexed since
 * migration 001) over at most a day; every minute of the range is listed, empty ones as 0.
 */
export function createPostRate(store: PostRateStore, clock: Clock): PostRate {
  return {
    async perMinute({ minutes = DEFAULT_MINUTES, includeTest = false }) {
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES)
        throw new LeadflowError('LF_VALIDATION', `minutes must be 1–${MAX_MINUTES}`, [
          { path: 'minutes', message: `must be an integer from 1 to ${MAX_MINUTES}` },
        ])
      const to = Math.floor(clock.now().getTime() / MINUTE) * MINUTE + MINUTE
      const from = to - minutes * MINUTE
      const counted = await store.countByMinute(iso(from), iso(to), includeTest)
      const byMinute = new Map(counted.map((c) => [Date.parse(c.minute), c]))
      const all: MinuteCount[] = []
      for (let at = from; at < to; at += MINUTE)
        all.push(byMinute.get(at) ?? { minute: iso(at), posts: 0, sold: 0, rejected: 0 })
      return { from: iso(from), to: iso(to), minutes: all }
    },
  }
}

const iso = (ms: number) => new Date(ms).toISOString()
