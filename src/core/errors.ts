/**
 * The error registry: every error leadflow raises on purpose has a code here, listed in
 * docs/errors.md (a test keeps the two in step). Protocols render these in their own shapes;
 * the native API renders `{ error: { code, message, details } }` with `status`.
 */
export const ERROR_CODES = {
  LF_BAD_REQUEST: { status: 400, message: 'The request is malformed' },
  LF_VALIDATION: { status: 400, message: 'The request failed validation' },
  LF_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Unsupported content type' },
  LF_PAYLOAD_TOO_LARGE: { status: 413, message: 'Request body is too large' },
  LF_UNAUTHORIZED: { status: 401, message: 'Missing or invalid credentials' },
  LF_FORBIDDEN: { status: 403, message: 'These credentials may not do this' },
  LF_CSRF: { status: 403, message: 'Missing or wrong CSRF token' },
  LF_TOTP_REQUIRED: { status: 401, message: 'A two-factor code is required' },
  LF_NOT_FOUND: { status: 404, message: 'Not found' },
  LF_CONFLICT: { status: 409, message: 'Conflicts with the current state' },
  LF_RATE_LIMITED: { status: 429, message: 'Too many requests' },
  LF_INTERNAL: { status: 500, message: 'Internal error' },
  LF_UNAVAILABLE: { status: 503, message: 'Service unavailable' },
  LF_DATABASE_UNAVAILABLE: {
    status: 503,
    message: 'The database is unavailable for a moment; nothing was stored, retry the request',
  },
  LF_IDEMPOTENCY_MISMATCH: {
    status: 409,
    message: 'This Idempotency-Key was already used with a different request',
  },
  LF_IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    message: 'A request with this Idempotency-Key is still being processed; retry later',
  },
  LF_CONFIG_FILE: { status: 400, message: 'The configuration file is invalid' },
  LF_PERIOD_CLOSED: { status: 409, message: 'The accounting period is closed' },
} as const satisfies Record<string, { status: number; message: string }>

export type ErrorCode = keyof typeof ERROR_CODES

export class LeadflowError extends Error {
  override name = 'LeadflowError'
  readonly code: ErrorCode
  readonly status: number
  readonly details: unknown

  constructor(code: ErrorCode, message?: string, details?: unknown, options?: { cause?: unknown }) {
    super(message ?? ERROR_CODES[code].message, options)
    this.code = code
    this.status = ERROR_CODES[code].status
    this.details = details
  }
}

export function createError(code: ErrorCode, message?: string, details?: unknown): LeadflowError {
  return new LeadflowError(code, message, details)
}

/** Turns anything thrown into an Error, keeping the original as `cause` (graphile-worker's coerceError). */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown
  return new Error(typeof thrown === 'string' ? thrown : `Non-error thrown: ${safeString(thrown)}`, {
    cause: thrown,
  })
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
