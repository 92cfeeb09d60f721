import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { IntakeDeps } from '../../core/intake/intake-deps.js'
import { PING_QUEUED_DETAIL, type PingResult } from '../../core/intake/ping-lead.js'
import { encodePingResponse } from './encode-ping-response.js'
import { encodeQueueResponses } from './encode-queue-response.js'
import { encodeStatus } from './encode-status-response.js'
import type { LeadexecContext } from './leadexec-context.js'
import { contentTypeOf, type ResponseFormat } from './response-format.js'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * GET /information/queuestatus/<PostID> and /information/status/<PostID> (seed 003, "Status
 * URL"): the same answer under both names, because the document hands out both. The parameter
 * table gives PostID the position "query", so `?PostID=…` (name case-insensitive) on the bare
 * paths answers the same (docs/compat.md, LeadExec). JSON unless
 * `?response_type=xml` or an Accept header that prefers XML. The PostID of an async ping
 * answers its PingResponse once run (LeadQueueResponse while it waits).
 */
export function statusRoutes(app: FastifyInstance, leadexec: LeadexecContext, deps: IntakeDeps): void {
  const handler = (request: FastifyRequest, reply: FastifyReply) => status(leadexec, deps, request, reply)
  app.get('/information/queuestatus/:PostID', handler)
  app.get('/information/status/:PostID', handler)
  app.get('/information/queuestatus', handler)
  app.get('/information/status', handler)
}

function postIdOf(request: FastifyRequest): string {
  const fromPath = (request.params as { PostID?: string }).PostID
  if (fromPath !== undefined) return fromPath
  const query = (request.query ?? {}) as Record<string, unknown>
  const key = Object.keys(query).find((name) => name.toLowerCase() === 'postid')
  const value = key === undefined ? '' : query[key]
  return String(Array.isArray(value) ? value[0] : value)
}

async function status(
  leadexec: LeadexecContext,
  deps: IntakeDeps,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const postId = postIdOf(request)
  const format = statusFormat(request)
  const view = GUID.test(postId) ? await leadexec.leadStatus.find(postId.toLowerCase()) : undefined
  reply.type(contentTypeOf(format))
  if (view) return reply.send(encodeStatus(view, format))
  const ping = GUID.test(postId) ? await deps.store.loadPing(postId.toLowerCase()) : undefined
  if (ping?.response) return reply.send(encodePingResponse(ping.response as PingResult, format))
  if (ping) {
    const queued = { queued: true, postId: ping.id, detail: PING_QUEUED_DETAIL }
    return reply.send(encodeQueueResponses([queued], leadexec.publicUrl, format, false))
  }
  const body = { PostID: postId, ResponseDetails: `No post with PostID "${postId}" was found` }
  return reply.status(404).type('application/json; charset=utf-8').send(JSON.stringify(body))
}

function statusFormat(request: FastifyRequest): ResponseFormat {
  const asked = String((request.query as Record<string, unknown>)?.response_type ?? '').toLowerCase()
  if (asked === 'xml' || asked === 'json') return asked
  const accept = request.headers.accept ?? ''
  return /xml/i.test(accept) && !/json/i.test(accept) ? 'xml' : 'json'
}
