import type { FastifyReply, FastifyRequest } from 'fastify'
import { decodeBody } from './decode-body.js'
import type { LeadExecLead, LeadExecRequest } from './leadexec-request.js'
import { sendRequestRejected } from './protocol-error.js'
import type { ResponseFormat } from './response-format.js'
import { sourceToken } from './source-token.js'

/** A decoded request with exactly one lead, or the refusal already sent. */
export function singleLead(
  request: FastifyRequest,
  reply: FastifyReply,
  format: ResponseFormat,
): { request: LeadExecRequest; lead: LeadExecLead; token: string | undefined } | undefined {
  const decoded = decodeBody(request.body, request.query)
  if (!decoded.ok) {
    sendRequestRejected(reply, format, 400, decoded.message)
    return undefined
  }
  const lead = decoded.request.leads[0]!
  if (decoded.request.leads.length > 1) {
    sendRequestRejected(reply, format, 400, 'This endpoint takes one lead per request')
    return undefined
  }
  return { request: decoded.request, lead, token: sourceToken(request.headers) }
}
