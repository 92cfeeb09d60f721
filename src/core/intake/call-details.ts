import type { FieldError } from '../leads/parse-lead.js'
import type { CallDetails } from './intake-command.js'
import { pacificToUtc } from './pacific-time.js'

export interface ParsedCall {
  ivrNumber: string
  callDurationSeconds: number
  callResult: string
  /** ISO UTC, or null when not given. */
  callDate: string | null
}

/** Checks a call lead's details (seed 003, Create Call Lead: ivrnumber and callduration required). */
export function parseCallDetails(call: CallDetails | undefined): { call: ParsedCall; errors: FieldError[] } {
  const errors: FieldError[] = []
  const ivrNumber = (call?.ivrNumber ?? '').trim()
  const durationText = (call?.callDuration ?? '').trim()
  const duration = Number(durationText)
  if (!ivrNumber) errors.push({ field: 'ivrnumber', message: 'ivrnumber is required' })
  if (!durationText) errors.push({ field: 'callduration', message: 'callduration is required' })
  else if (!Number.isInteger(duration) || duration < 0) {
    errors.push({ field: 'callduration', message: 'callduration must be a whole number of seconds' })
  }
  let callDate: string | null = null
  const dateText = (call?.callDate ?? '').trim()
  if (dateText) {
    const at = pacificToUtc(dateText)
    if (at) callDate = at.toISOString()
    else
      errors.push({
        field: 'calldate',
        message: 'calldate is not a date and time (e.g. 11/13/2020 12:15 PM)',
      })
  }
  return {
    call: {
      ivrNumber,
      callDurationSeconds: errors.length ? 0 : duration,
      callResult: call?.callResult ?? '',
      callDate,
    },
    errors,
  }
}
