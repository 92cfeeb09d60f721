import { isTimeZone } from '../time/zoned-time.js'
import type { CallingHours } from './calling-hours.js'
import { minutesOf } from './calling-hours.js'

/**
 * A dialler campaign's policy (dialler_campaigns.settings_json). A lead type in the Comunik8 API
 * is a campaign (type + subtype); what happens after each call result is decided here.
 */
export interface RetryPolicy {
  /** Calls handed out to a dialler, in total, before an unanswered contact is given up. */
  maxAttempts: number
  /** Wait before attempt n+1 after attempt n; the last value repeats. */
  spacingSeconds: number[]
}

export interface CampaignSettings {
  retry: RetryPolicy
  /** Null: any time of day. */
  callingHours: CallingHours | null
  /** Used when the consumer's phone does not tell their zone (docs/dialler.md). */
  timeZone: string
  /** A call held by a dialler this long without a result is handed out again. */
  claimTimeoutSeconds: number
}

export const DEFAULT_CAMPAIGN_SETTINGS: CampaignSettings = Object.freeze({
  retry: { maxAttempts: 3, spacingSeconds: [1800, 7200, 86400] },
  // Ofcom's persistent-misuse guidance and most UK call centres keep consumer calls to 08:00–21:00.
  callingHours: { start: '08:00', end: '21:00', days: [1, 2, 3, 4, 5, 6, 7] },
  timeZone: 'Europe/London',
  claimTimeoutSeconds: 3600,
})

export type SettingsCheck = { ok: true; settings: CampaignSettings } | { ok: false; errors: string[] }

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isCount(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
}

function checkRetry(raw: unknown, errors: string[]): RetryPolicy {
  const base = DEFAULT_CAMPAIGN_SETTINGS.retry
  if (raw === undefined) return base
  if (!isObject(raw)) {
    errors.push('retry must be an object')
    return base
  }
  const maxAttempts = raw.maxAttempts ?? base.maxAttempts
  const spacing = raw.spacingSeconds ?? base.spacingSeconds
  if (!isCount(maxAttempts, 1, 100)) errors.push('retry.maxAttempts must be an integer from 1 to 100')
  const spacingOk =
    Array.isArray(spacing) && spacing.length > 0 && spacing.every((s) => isCount(s, 0, 31_536_000))
  if (!spacingOk) errors.push('retry.spacingSeconds must be a non-empty list of seconds (0 to 31536000)')
  return { maxAttempts: maxAttempts as number, spacingSeconds: spacing as number[] }
}

function checkHours(raw: unknown, errors: string[]): CallingHours | null {
  if (raw === undefined) return DEFAULT_CAMPAIGN_SETTINGS.callingHours
  if (raw === null) return null
  if (!isObject(raw)) {
    errors.push('callingHours must be an object or null')
    return null
  }
  const { start, end, days } = raw
  if (typeof start !== 'string' || !HHMM.test(start)) errors.push('callingHours.start must be "HH:MM"')
  if (typeof end !== 'string' || !HHMM.test(end)) errors.push('callingHours.end must be "HH:MM"')
  else if (typeof start === 'string' && HHMM.test(start) && minutesOf(end) <= minutesOf(start)) {
    errors.push('callingHours.end must be after callingHours.start')
  }
  const daysOk = Array.isArray(days) && days.length > 0 && days.every((d) => isCount(d, 1, 7))
  if (!daysOk) errors.push('callingHours.days must list ISO weekdays, 1 (Monday) to 7 (Sunday)')
  return { start: start as string, end: end as string, days: days as number[] }
}

/** Validates settings given by an operator; absent parts take the defaults. */
export function checkCampaignSettings(raw: unknown): SettingsCheck {
  if (raw === undefined || raw === null) return { ok: true, settings: DEFAULT_CAMPAIGN_SETTINGS }
  if (!isObject(raw)) return { ok: false, errors: ['settings must be an object'] }
  const errors: string[] = []
  const retry = checkRetry(raw.retry, errors)
  const callingHours = checkHours(raw.callingHours, errors)
  const timeZone = raw.timeZone ?? DEFAULT_CAMPAIGN_SETTINGS.timeZone
  if (typeof timeZone !== 'string' || !isTimeZone(timeZone)) errors.push('timeZone must be an IANA time zone')
  const claim = raw.claimTimeoutSeconds ?? DEFAULT_CAMPAIGN_SETTINGS.claimTimeoutSeconds
  if (!isCount(claim, 60, 604_800)) errors.push('claimTimeoutSeconds must be an integer from 60 to 604800')
  if (errors.length > 0) return { ok: false, errors }
  return {
    ok: true,
    settings: { retry, callingHours, timeZone: timeZone as string, claimTimeoutSeconds: claim as number },
  }
}

/** Reads stored settings; a row that no longer validates falls back to the defaults as a whole. */
export function readCampaignSettings(json: string): CampaignSettings {
  try {
    const check = checkCampaignSettings(JSON.parse(json))
    return check.ok ? check.settings : DEFAULT_CAMPAIGN_SETTINGS
  } catch {
    return DEFAULT_CAMPAIGN_SETTINGS
  }
}
