import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { IntakeDeps } from '../../core/intake/intake-deps.js'
import { updateLead } from '../../core/intake/update-lead.js'
import { encodePostResponses } from './encode-post-response.js'
import { singleLead } from './lead-request.js'
import type { LeadexecContext } from './leadexec-context.js'
import { sendRequestRejected } from './protocol-error.js'
import { contentTypeOf, responseFormat } from './response-format.js'
import { credentialsOf, truthy } from './to-command.js'

/**
 * POST /processor/update/<response_type> (seed 003, "Update Lead"): `lpleaduid` in the form or
 * query, `leadUID` in JSON properties; `processDelivery` runs distribution again. The source
 * authenticates as for a post (password or its bearer token; docs/compat.md).
 */
export function updateRoutes(app: FastifyInstance, leadexec: LeadexecContext, deps: IntakeDeps): void {
  const handler = (request: FastifyRequest, reply: FastifyReply) => update(leadexec, deps, request, reply)
  app.post('/processor/update', handler)
  app.post('/processor/update/:response_type', handler)
}

async function update(
  leadexec: LeadexecContext,
  deps: IntakeDeps,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const segment = (request.params as Record<string, string>).response_type
  const format = responseFormat(segment)
  if (!format)
    return sendRequestRejected(reply, 'json', 404, `Unknown response type "${segment}": use json or xml`)
  const one = singleLead(request, reply, format)
  if (!one) return reply
  const p = one.request.params
  const props = one.lead.properties
  const outcome = await updateLead(deps, {
    credentials: credentialsOf(p, one.token, request.ip),
    leadTypeId: p.lid,
    leadUid: props.leaduid ?? props.lpleaduid,
    processDelivery: truthy(props.processdelivery),
    fields: one.lead.fields,
  })
  if (outcome.reason === 'accepted') leadexec.nudge()
  const body = encodePostResponses([outcome], 'update', leadexec.publicUrl, format, false)
  return reply.type(contentTypeOf(format)).send(body)
}
