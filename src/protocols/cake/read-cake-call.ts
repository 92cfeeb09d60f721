import type { FastifyRequest } from 'fastify'
import { LeadflowError } from '../../core/errors.js'
import { stripNul } from '../strip-nul.js'
import { CAKE_OPERATIONS, type CakeOperation } from './cake-answers.js'
import { parseSoapCall, type SoapVersion, soapVersionOf } from './soap-envelope.js'

export interface CakeCall {
  operation: CakeOperation
  params: Record<string, string>
  soap: SoapVersion | null
}

export function mediaTypeOf(request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
}

/** The SOAP version a POST speaks, from its Content-Type; null for GET, forms and the rest. */
export function soapOf(request: FastifyRequest): SoapVersion | null {
  return request.method === 'POST' ? soapVersionOf(mediaTypeOf(request)) : null
}

/**
 * An ASMX web method is called three ways (the WSDL page 002 links to): HTTP GET with a query
 * string, HTTP POST with a form, and a SOAP 1.1 / 1.2 envelope. The operation comes from the path
 * (`/ReturnLead`), from `?op=ReturnLead`, or from the SOAP Body's element.
 */
export function readCakeCall(request: FastifyRequest, allowed: readonly CakeOperation[]): CakeCall {
  const call = readCall(request, allowed)
  return { ...call, params: stripNul(call.params) }
}

/** readCakeCall before NUL is stripped from the parameter values (strip-nul.ts). */
function readCall(request: FastifyRequest, allowed: readonly CakeOperation[]): CakeCall {
  const query = flatten(request.query)
  const named = (request.params as { op?: string }).op ?? query.op
  delete query.op
  const soap = soapOf(request)
  if (request.method === 'POST' && soap) {
    const call = parseSoapCall(String(request.body ?? ''))
    if (named && named !== call.operation) {
      throw new LeadflowError(
        'LF_BAD_REQUEST',
        `The SOAP Body calls ${call.operation}, the URL names ${named}`,
      )
    }
    return { operation: operation(call.operation, allowed), params: call.params, soap }
  }
  const params = request.method === 'POST' ? { ...query, ...formBody(request) } : query
  return { operation: operation(named ?? '', allowed), params, soap: null }
}

function formBody(request: FastifyRequest): Record<string, string> {
  const body = String(request.body ?? '')
  const media = mediaTypeOf(request)
  if (media === 'application/x-www-form-urlencoded' || (media === '' && body.trim() === '')) {
    return Object.fromEntries(new URLSearchParams(body))
  }
  throw new LeadflowError(
    'LF_UNSUPPORTED_MEDIA_TYPE',
    `Unsupported Content-Type "${media || '(none)'}": send a form (application/x-www-form-urlencoded) or a SOAP envelope (text/xml, application/soap+xml)`,
  )
}

function operation(name: string, allowed: readonly CakeOperation[]): CakeOperation {
  const op = CAKE_OPERATIONS.find((o) => o.toLowerCase() === name.trim().toLowerCase())
  if (op && allowed.includes(op)) return op
  throw new LeadflowError(
    'LF_NOT_FOUND',
    name ? `Unknown web method ${name}` : 'No web method named (use ?op=…)',
  )
}

function flatten(query: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v
    if (typeof value === 'string') out[k] = value
  }
  return out
}
