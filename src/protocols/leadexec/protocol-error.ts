import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { coerceError, LeadflowError } from '../../core/errors.js'
import type { IntakeOutcome } from '../../core/intake/intake-command.js'
import { encodePostResponses } from './encode-post-response.js'
import { contentTypeOf, type ResponseFormat, responseFormat } from './response-format.js'

/** A request refused before intake (unreadable body, bad parameter): nothing was stored. */
export function requestRejected(message: string): IntakeOutcome {
  return {
    postId: '',
    leadId: 0,
    isValid: false,
    reason: 'invalid_data',
    detail: message,
    campaignId: 0,
    pendingQc: false,
    priceCents: 0,
    redirectUrl: '',
    sends: [],
    receivedAt: new Date().toISOString(),
    stored: false,
  }
}

export function sendRequestRejected(
  reply: FastifyReply,
  format: ResponseFormat,
  status: number,
  message: string,
) {
  const body = encodePostResponses([requestRejected(message)], 'general', '', format, false)
  return reply.status(status).type(contentTypeOf(format)).send(body)
}

/**
 * A database fault (LF_DATABASE_UNAVAILABLE): HTTP 503 with Retry-After and a PostResponse with
 * isValidPost false. Seed 003 has no "try again" ResponseType; Data_Errors would tell the seller
 * to fix the lead, so the answer uses Post_Over_Max, LeadExec's only throttle-like code, and the
 * status line and Retry-After say it is temporary (docs/compat.md, "Database faults").
 */
export function sendUnavailable(reply: FastifyReply, format: ResponseFormat) {
  const outcome = {
    ...requestRejected('Temporarily unavailable: the post was not stored; send it again shortly'),
    reason: 'over_post_cap' as const,
  }
  const body = encodePostResponses([outcome], 'general', '', format, false)
  return reply.status(503).type(contentTypeOf(format)).send(body)
}

/**
 * The plugin's error handler: Fastify's own refusals (body too large, unknown content type,
 * unreadable body) become a PostResponse with isValidPost false and Data_Errors, in the
 * response type the URL asked for, with the HTTP status of the refusal (413, 415, 400).
 */
export function leadexecErrorHandler(thrown: unknown, request: FastifyRequest, reply: FastifyReply) {
  const error = coerceError(thrown)
  const params = (request.params ?? {}) as Record<string, string>
  const format = responseFormat(params.response_type) ?? 'json'
  if (error instanceof LeadflowError && error.status === 503) {
    request.log.warn({ err: error.cause ?? error }, 'leadexec request hit a database fault')
    return sendUnavailable(reply, format)
  }
  if (error instanceof LeadflowError && error.status < 500) {
    return sendRequestRejected(reply, format, error.status, error.message)
  }
  const statusCode = (error as FastifyError).statusCode
  const status = statusCode && statusCode >= 400 && statusCode < 500 ? statusCode : 500
  if (status === 500) {
    request.log.error({ err: error }, 'leadexec request failed')
    return sendRequestRejected(reply, format, 500, 'Internal error; the post was not processed')
  }
  return sendRequestRejected(reply, format, status, messageFor(error as FastifyError))
}

function messageFor(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large'
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported content type: send x-www-form-urlencoded, application/xml or application/json'
    default:
      return error.message
  }
}
