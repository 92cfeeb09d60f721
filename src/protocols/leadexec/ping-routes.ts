import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { IntakeDeps } from '../../core/intake/intake-deps.js'
import { pingLead } from '../../core/intake/ping-lead.js'
import type { Leadflow } from '../../http/context.js'
import { encodePingResponse } from './encode-ping-response.js'
import { singleLead } from './lead-request.js'
import { sendRequestRejected } from './protocol-error.js'
import { contentTypeOf, responseFormat } from './response-format.js'

/**
 * POST /processor/insert/ping/<response_type> (seed 003, "PING"): the auction is distribution's
 * (lf.distributor.ping); a later post carries the OrderID it returns as `orderid`.
 */
export function pingRoutes(app: FastifyInstance, _lf: Leadflow, deps: IntakeDeps): void {
  const handler = (request: FastifyRequest, reply: FastifyReply) => ping(deps, request, reply)
  app.post('/processor/insert/ping', handler)
  app.post('/processor/insert/ping/:response_type', handler)
}

async function ping(deps: IntakeDeps, request: FastifyRequest, reply: FastifyReply) {
  const segment = (request.params as Record<string, string>).response_type
  const format = responseFormat(segment)
  if (!format)
    return sendRequestRejected(reply, 'json', 404, `Unknown response type "${segment}": use json or xml`)
  const one = singleLead(request, reply, format)
  if (!one) return reply
  const p = one.request.params
  const result = await pingLead(deps, {
    credentials: { vid: p.vid, aid: p.aid, password: p.password, token: one.token },
    lid: p.lid,
    fields: one.lead.fields,
  })
  return reply.type(contentTypeOf(format)).send(encodePingResponse(result, format))
}
