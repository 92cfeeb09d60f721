import type { RouteOptions } from 'fastify'
import type { RouteDoc } from '../documented-routes.js'

/** LeadConduit's feedback API for /docs (seed 000; docs/protocols/leadconduit.md). */
const str = { type: 'string' }
const FIELDS = {
  type: 'object',
  properties: { type: { type: 'string', enum: ['return', 'conversion'] }, reason: str },
}
const RESULT = {
  type: 'object',
  properties: { outcome: { type: 'string', enum: ['success', 'error'] }, reason: str },
}

export function describeLeadconduitRoute(route: RouteOptions): RouteDoc | undefined {
  if (route.url !== '/feedback') return undefined
  return {
    tags: ['LeadConduit'],
    summary: 'A buyer returns or converts a lead it bought',
    querystring: {
      type: 'object',
      required: ['event_id'],
      properties: {
        event_id: { type: 'string', description: 'the event id the buyer received with the lead' },
      },
    },
    body: {
      content: {
        'application/json': { schema: FIELDS },
        'application/x-www-form-urlencoded': { schema: FIELDS },
        'application/xml': {
          schema: { type: 'string', description: '<feedback><type>return</type>…</feedback>' },
        },
      },
    },
    response: {
      200: {
        description: 'the outcome, in the format the Accept header asks for',
        content: { 'application/json': { schema: RESULT }, 'application/xml': { schema: str } },
      },
    },
  }
}
