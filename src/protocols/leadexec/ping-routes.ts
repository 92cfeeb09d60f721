import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { IntakeDeps } from '../../core/intake/intake-deps.js'
import { type PingCommand, pingLead, queuePing } from '../../core/intake/ping-lead.js'
import { encodePingResponse } from './encode-ping-response.js'
import { encodeQueueResponses } from './encode-queue-response.js'
import { singleLead } from './lead-request.js'
import type { LeadexecContext } from './leadexec-context.js'
import { sendRequestRejected } from './protocol-error.js'
import { contentTypeOf, type ResponseFormat, responseFormat } from './response-format.js'
import { checkParams, credentialsOf, truthy } from './to-command.js'

/**
 * POST /processor/insert/ping/<response_type>[/async] (seed 003, "PING"): the auction is
 * distribution's (Distributor.ping); a later post carries the OrderID it returns as
 * `orderid`. The async form answers LeadQueueResponse and POSTs the PingResponse to returnurl.
 */
export function pingRoutes(app: FastifyInstance, leadexec: LeadexecContext, deps: IntakeDeps): void {
  const sync = (request: FastifyRequest, reply: FastifyReply) => ping(leadexec, deps, false, request, reply)
  const queued = (request: FastifyRequest, reply: FastifyReply) => ping(leadexec, deps, true, request, reply)
  app.post('/processor/insert/ping', sync)
  app.post('/processor/insert/ping/:response_type', sync)
  app.post('/processor/insert/ping/:response_type/async', queued)
}

async function ping(
  leadexec: LeadexecContext,
  deps: IntakeDeps,
  async: boolean,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const segment = (request.params as Record<string, string>).response_type
  const format = responseFormat(segment)
  if (!format)
    return sendRequestRejected(reply, 'json', 404, `Unknown response type "${segment}": use json or xml`)
  const one = singleLead(request, reply, format)
  if (!one) return reply
  const problem = checkParams(one.request)
  if (problem) return sendRequestRejected(reply, format, 400, problem)
  const p = one.request.params
  const cmd: PingCommand = {
    credentials: credentialsOf(p, one.token, request.ip),
    leadTypeId: p.lid,
    fields: one.lead.fields,
    returnUrl: p.returnurl,
    meta: { protocol: 'leadexec', format },
    test: truthy(one.lead.properties.leadflow_test ?? p.leadflow_test),
  }
  reply.type(contentTypeOf(format))
  if (!async) return reply.send(encodePingResponse(await pingLead(deps, cmd), format))
  const outcome = await queuePing(deps, cmd)
  leadexec.nudge()
  return reply.send(encodeQueueResponses([outcome], leadexec.publicUrl, format as ResponseFormat, false))
}
