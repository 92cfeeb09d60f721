import { LeadflowError } from '../errors.js'

/** 404 LF_NOT_FOUND naming what was looked for, e.g. `No source with vid 7`. */
export function notFound(what: string): LeadflowError {
  return new LeadflowError('LF_NOT_FOUND', `No ${what}`)
}

/** Returns the value, or throws 404 for `what` when the lookup found nothing. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw notFound(what)
  return value
}

/** Throws 404 for `what` when a removal found nothing to remove. */
export function removed(done: boolean, what: string): void {
  if (!done) throw notFound(what)
}
