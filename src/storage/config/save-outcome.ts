import { LeadflowError } from '../../core/errors.js'
import { isUniqueViolation } from '../dialects/unique-violation.js'

export type { Saved, SaveOutcome } from '../../core/config/config-records.js'

/** True when any column of `next` differs from the stored row. */
export function differs(stored: Record<string, unknown>, next: Record<string, unknown>): boolean {
  return Object.entries(next).some(([key, value]) => stored[key] !== value)
}

/** Runs a write; a unique-constraint failure becomes 409 LF_CONFLICT with `message`. */
export async function conflictAs<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isUniqueViolation(error)) throw new LeadflowError('LF_CONFLICT', message, null, { cause: error })
    throw error
  }
}

/** A reference in the input (a lid, a vid) that names nothing: 400 with the field's path. */
export function unknownReference(path: string, message: string): LeadflowError {
  return new LeadflowError('LF_VALIDATION', `${path}: ${message}`, [{ path, message }])
}

export function inUse(what: string, by: string): LeadflowError {
  return new LeadflowError('LF_CONFLICT', `${what} is in use by ${by}; set its status instead of deleting it`)
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}
