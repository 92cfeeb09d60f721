import type { FastifyInstance } from 'fastify'
import { checkDuplicate } from '../../core/intake/check-duplicate.js'
import type { IntakeDeps } from '../../core/intake/intake-deps.js'
import { encodeDuplicateResponse } from './encode-ping-response.js'
import { singleLead } from './lead-request.js'
import { contentTypeOf, responseFormat } from './response-format.js'
import { credentialsOf } from './to-command.js'

/**
 * POST /processor/duplicate/check (seed 003, "Duplicate Check"). The URL has no response type
 * segment; the answer is JSON, or XML with `?response_type=xml` or /processor/duplicate/check/xml.
 */
export function duplicateCheckRoute(app: FastifyInstance, deps: IntakeDeps): void {
  for (const url of ['/processor/duplicate/check', '/processor/duplicate/check/:response_type']) {
    app.post(url, async (request, reply) => {
      const segment = (request.params as Record<string, string>).response_type
      const asked = segment ?? String((request.query as Record<string, unknown>).response_type ?? 'json')
      const format = responseFormat(asked) ?? 'json'
      const one = singleLead(request, reply, format)
      if (!one) return reply
      const p = one.request.params
      const result = await checkDuplicate(deps, {
        credentials: credentialsOf(p, one.token, request.ip),
        leadTypeId: p.lid,
        fields: one.lead.fields,
      })
      return reply.type(contentTypeOf(format)).send(encodeDuplicateResponse(result, format))
    })
  }
}
