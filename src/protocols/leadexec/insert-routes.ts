import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { accept } from '../../core/intake/accept.js'
import type { IntakeDeps } from '../../core/intake/intake-deps.js'
import { queuePost } from '../../core/intake/queue-post.js'
import { decodeBody } from './decode-body.js'
import { encodePostResponses } from './encode-post-response.js'
import { encodeQueueResponses } from './encode-queue-response.js'
import type { LeadexecContext } from './leadexec-context.js'
import { LEADEXEC_MODES, type LeadExecMode } from './leadexec-mode.js'
import { sendRequestRejected } from './protocol-error.js'
import { contentTypeOf, responseFormat } from './response-format.js'
import { sourceToken } from './source-token.js'
import { checkParams, toCommand } from './to-command.js'

/** Modes whose JSON examples answer a JSON body with an array even for one lead (seed 003). */
const ARRAY_FOR_JSON_BODY: readonly LeadExecMode[] = ['returnsends', 'transfer', 'calldata']

/**
 * POST /processor/insert/<mode>[/<response_type>[/async]] for every lead-creating mode of the
 * Lead Receiver document. Leads of one request are taken in order, so a batch that repeats a
 * consumer catches its own duplicate.
 */
export function insertRoutes(app: FastifyInstance, leadexec: LeadexecContext, deps: IntakeDeps): void {
  for (const mode of LEADEXEC_MODES) {
    const sync = (request: FastifyRequest, reply: FastifyReply) =>
      insert(leadexec, deps, mode, false, request, reply)
    const queued = (request: FastifyRequest, reply: FastifyReply) =>
      insert(leadexec, deps, mode, true, request, reply)
    app.post(`/processor/insert/${mode}`, sync)
    app.post(`/processor/insert/${mode}/:response_type`, sync)
    app.post(`/processor/insert/${mode}/:response_type/async`, queued)
  }
}

async function insert(
  leadexec: LeadexecContext,
  deps: IntakeDeps,
  mode: LeadExecMode,
  async: boolean,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const segment = (request.params as Record<string, string>).response_type
  const format = responseFormat(segment)
  if (!format)
    return sendRequestRejected(reply, 'json', 404, `Unknown response type "${segment}": use json or xml`)
  const decoded = decodeBody(request.body, request.query)
  if (!decoded.ok) return sendRequestRejected(reply, format, 400, decoded.message)
  const problem = checkParams(decoded.request)
  if (problem) return sendRequestRejected(reply, format, 400, problem)
  const ctx = { mode, format, token: sourceToken(request.headers), ip: request.ip }
  const commands = decoded.request.leads.map((lead) => toCommand(decoded.request, lead, ctx))
  const asArray = commands.length > 1 || (isJsonBody(request) && ARRAY_FOR_JSON_BODY.includes(mode))
  reply.type(contentTypeOf(format))
  if (async) {
    const outcomes = []
    for (const cmd of commands) outcomes.push(await queuePost(deps, cmd))
    leadexec.nudge()
    return reply.send(encodeQueueResponses(outcomes, leadexec.publicUrl, format, asArray))
  }
  const outcomes = []
  for (const cmd of commands) outcomes.push(await accept(deps, cmd))
  const only = outcomes.length === 1 ? outcomes[0]! : undefined
  if (mode === 'autoredirect' && only?.isValid && only.redirectUrl)
    return reply.redirect(only.redirectUrl, 302)
  return reply.send(encodePostResponses(outcomes, mode, leadexec.publicUrl, format, asArray))
}

function isJsonBody(request: FastifyRequest): boolean {
  return (request.body as { encoding?: string } | undefined)?.encoding === 'json'
}
