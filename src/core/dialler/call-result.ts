/** What a dialler reports after a call (issue 6). */
export const CALL_RESULTS = [
  'answered',
  'no_answer',
  'busy',
  'voicemail',
  'wrong_number',
  'sale',
  'callback',
] as const

export type CallResult = (typeof CALL_RESULTS)[number]

/** Results after which the consumer was not reached, so the retry policy may call again. */
export const RETRYABLE_RESULTS: ReadonlySet<CallResult> = new Set(['no_answer', 'busy', 'voicemail'])

export function isCallResult(value: unknown): value is CallResult {
  return typeof value === 'string' && (CALL_RESULTS as readonly string[]).includes(value)
}
