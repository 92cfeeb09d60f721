import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Leadflow } from '../../http/context.js'
import { findLeadStatus } from '../../storage/lead-status-store.js'
import { encodeStatus } from './encode-status-response.js'
import { contentTypeOf, type ResponseFormat } from './response-format.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * GET /information/queuestatus/<PostID> and /information/status/<PostID> (seed 003, "Status
 * URL"): the same answer under both names, because the document hands out both. JSON unless
 * `?response_type=xml` or an Accept header that prefers XML.
 */
export function statusRoutes(app: FastifyInstance, lf: Leadflow): void {
  const handler = (request: FastifyRequest, reply: FastifyReply) => status(lf, request, reply)
  app.get('/information/queuestatus/:PostID', handler)
  app.get('/information/status/:PostID', handler)
}

async function status(lf: Leadflow, request: FastifyRequest, reply: FastifyReply) {
  const postId = (request.params as { PostID: string }).PostID
  const format = statusFormat(request)
  const view = GUID.test(postId) ? await findLeadStatus(lf.db, postId.toLowerCase()) : undefined
  reply.type(contentTypeOf(format))
  if (!view) {
    const body = { PostID: postId, ResponseDetails: `No post with PostID "${postId}" was found` }
    return reply.status(404).type('application/json; charset=utf-8').send(JSON.stringify(body))
  }
  return reply.send(encodeStatus(view, format))
}

function statusFormat(request: FastifyRequest): ResponseFormat {
  const asked = String((request.query as Record<string, unknown>)?.response_type ?? '').toLowerCase()
  if (asked === 'xml' || asked === 'json') return asked
  const accept = request.headers.accept ?? ''
  return /xml/i.test(accept) && !/json/i.test(accept) ? 'xml' : 'json'
}
