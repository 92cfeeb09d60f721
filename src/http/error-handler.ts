import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { coerceError, LeadflowError } from '../core/errors.js'

/** Maps any error to the registry's code and status (the native API's JSON error shape). */
export function toLeadflowError(thrown: unknown): LeadflowError {
  if (thrown instanceof LeadflowError) return thrown
  const error = coerceError(thrown) as FastifyError
  if (error.validation) return new LeadflowError('LF_VALIDATION', error.message, error.validation)
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new LeadflowError('LF_PAYLOAD_TOO_LARGE')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new LeadflowError('LF_UNSUPPORTED_MEDIA_TYPE', error.message)
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new LeadflowError('LF_BAD_REQUEST', error.message)
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new LeadflowError(error.statusCode === 404 ? 'LF_NOT_FOUND' : 'LF_BAD_REQUEST', error.message)
  }
  return new LeadflowError('LF_INTERNAL', 'Internal error', undefined, { cause: error })
}

export function errorBody(error: LeadflowError) {
  return { error: { code: error.code, message: error.message, details: error.details ?? null } }
}

export function jsonErrorHandler(thrown: unknown, request: FastifyRequest, reply: FastifyReply) {
  const error = toLeadflowError(thrown)
  if (error.status >= 500) request.log.error({ err: error.cause ?? error }, 'request failed')
  return reply.status(error.status).type('application/json').send(errorBody(error))
}

/** Seconds a client is asked to wait after a 503 (a database fault or a node shutting down). */
export const RETRY_AFTER_SECONDS = 2

/**
 * Every 503, whichever protocol's shape it is in, carries `Retry-After` (RFC 9110 §10.2.3), so a
 * seller's client knows the post was not taken and when to send it again (docs/compat.md).
 */
export async function retryAfterOn503(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) {
    reply.header('retry-after', String(RETRY_AFTER_SECONDS))
  }
  return payload
}
