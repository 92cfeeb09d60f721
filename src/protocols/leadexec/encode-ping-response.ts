import type { DuplicateCheckOutcome } from '../../core/intake/check-duplicate.js'
import type { PingResult } from '../../core/intake/ping-lead.js'
import type { Rejection } from '../../core/intake/rejection.js'
import { usDateTime } from '../../core/intake/us-date-time.js'
import { centsToDecimal } from './price.js'
import type { ResponseFormat } from './response-format.js'
import { responseTypeName } from './response-type.js'
import { el, xmlDocument } from './xml-document.js'

type Flat = Record<string, string | number | boolean | null>

/** PingResponse, the root the document uses for both ping and duplicate-check answers (seed 003). */
function encodeFlat(body: Flat, format: ResponseFormat): string {
  if (format === 'json') return JSON.stringify(body)
  return xmlDocument(
    el(
      'PingResponse',
      Object.entries(body).map(([k, v]) => el(k, v)),
    ),
  )
}

/**
 * PING answer in the example's order. EstimatedPrice is a string in the JSON example ("25")
 * and OrderExpiresOn a US date-time (UTC); both kept as shown (docs/compat.md).
 */
export function encodePingResponse(result: PingResult | Rejection, format: ResponseFormat): string {
  if (!result.ok) {
    const response = refusal(result)
    const body = {
      WillAccept: false,
      RequestID: '',
      OrderID: '',
      EstimatedPrice: '0',
      OrderExpiresOn: '',
      Response: response,
    }
    return encodeFlat(body, format)
  }
  return encodeFlat(
    {
      WillAccept: result.willAccept,
      RequestID: result.requestId,
      OrderID: result.orderId,
      EstimatedPrice: String(centsToDecimal(result.estimatedPriceCents)),
      OrderExpiresOn: result.expiresAt ? usDateTime(result.expiresAt) : '',
      Response: result.response,
    },
    format,
  )
}

/** Duplicate Check answer; ReceivedOn is ISO UTC to the second as in the property table. */
export function encodeDuplicateResponse(
  result: DuplicateCheckOutcome | Rejection,
  format: ResponseFormat,
): string {
  if (!result.ok) {
    const body = {
      IsDuplicate: false,
      DuplicateLeadId: 0,
      ReceivedOn: null,
      Response: refusal(result),
    }
    return encodeFlat(body, format)
  }
  return encodeFlat(
    {
      IsDuplicate: result.isDuplicate,
      DuplicateLeadId: result.duplicateLeadId,
      ReceivedOn: result.receivedOn ? `${result.receivedOn.slice(0, 19)}Z` : null,
      Response: result.response,
    },
    format,
  )
}

/** A refusal's `Response`: its ResponseType name, then the message. */
function refusal(rejection: Rejection): string {
  return `${responseTypeName(rejection.reason)}: ${rejection.detail}`
}
