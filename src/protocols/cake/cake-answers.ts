import type { Reason } from '../../core/feedback/feedback-store.js'
import { cakeDocument, SOAP_CONTENT_TYPE, type SoapVersion, soapResponse } from './soap-envelope.js'

export const CAKE_OPERATIONS = ['ReturnLead', 'GetReturnReasons', 'GetRejectReasons'] as const
export type CakeOperation = (typeof CAKE_OPERATIONS)[number]

/**
 * Root element of each operation's bare XML answer. `lead_return_response` is 002's sample
 * response; the two reason lists are not specified by 002, so they follow the same naming
 * (docs/protocols/cake.md).
 */
export const RESPONSE_ROOT: Record<CakeOperation, string> = {
  ReturnLead: 'lead_return_response',
  GetReturnReasons: 'return_reasons_response',
  GetRejectReasons: 'reject_reasons_response',
}

/** How the request came: bare XML answer (GET / form POST) or a SOAP envelope of that version. */
export interface CakeCallShape {
  operation: CakeOperation
  /** The service's namespace, e.g. http://cakemarketing.com/api/2/ (002, sample response). */
  namespace: string
  soap: SoapVersion | null
}

export interface CakeAnswer {
  contentType: string
  body: string
}

export function returnLeadFields(success: boolean, message: string) {
  return { success: String(success), message }
}

export function reasonListFields(reasons: readonly Pick<Reason, 'id' | 'name'>[]) {
  return {
    success: 'true',
    message: '',
    row_count: String(reasons.length),
    reasons: { reason: reasons.map((r) => ({ reason_id: String(r.id), reason_name: r.name })) },
  }
}

/** An operation's answer in the request's own shape (002: XML; SOAP 1.1 / 1.2 via the WSDL page). */
export function cakeAnswer(shape: CakeCallShape, fields: object): CakeAnswer {
  if (shape.soap) {
    return {
      contentType: SOAP_CONTENT_TYPE[shape.soap],
      body: soapResponse(shape.soap, shape.operation, shape.namespace, fields),
    }
  }
  return {
    contentType: 'text/xml; charset=utf-8',
    body: cakeDocument(RESPONSE_ROOT[shape.operation], shape.namespace, fields),
  }
}
