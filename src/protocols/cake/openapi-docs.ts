import type { RouteOptions } from 'fastify'
import type { RouteDoc } from '../documented-routes.js'

/**
 * The CAKE services for /docs (seed 002; docs/protocols/cake.md). Each service also describes
 * itself, more exactly, at `?WSDL` (wsdl.ts).
 */
const str = { type: 'string' }
const XML_ANSWER = {
  200: {
    description:
      'lead_return_response / return_reasons_response / reject_reasons_response, or the SOAP envelope',
    content: { 'text/xml': { schema: str }, 'application/soap+xml': { schema: str } },
  },
}

const QUERY = {
  type: 'object',
  properties: {
    op: { type: 'string', enum: ['ReturnLead', 'GetReturnReasons', 'GetRejectReasons'] },
    WSDL: { type: 'string', description: 'present (no value): the service’s WSDL' },
    api_key: str,
    lead_id: str,
    vertical_id: str,
    buyer_contract_id: str,
    return_type: {
      type: 'string',
      enum: ['approve_to_replace', 'approve_for_credit', 'submit_for_approval', 'reject'],
    },
    return_reason_id: str,
    denied_reason_id: str,
  },
}

export function describeCakeRoute(route: RouteOptions): RouteDoc {
  const byPath = route.url.endsWith('/:op')
  return {
    tags: ['CAKE'],
    summary: byPath
      ? 'Call a web method named in the path'
      : 'Call a web method by ?op= or SOAP; ?WSDL describes it',
    ...(byPath ? { params: { type: 'object', properties: { op: QUERY.properties.op } } } : {}),
    querystring: QUERY,
    ...(route.method === 'POST' || (Array.isArray(route.method) && route.method.includes('POST'))
      ? {
          body: {
            content: {
              'application/x-www-form-urlencoded': {
                schema: { type: 'object', properties: QUERY.properties },
              },
              'text/xml': { schema: { type: 'string', description: 'SOAP 1.1 envelope' } },
              'application/soap+xml': { schema: { type: 'string', description: 'SOAP 1.2 envelope' } },
            },
          },
        }
      : {}),
    response: XML_ANSWER,
  }
}
