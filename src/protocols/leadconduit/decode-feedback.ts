import { LeadflowError } from '../../core/errors.js'
import { withoutNul } from '../strip-nul.js'
import { parseXmlBody } from './xml-body.js'

export type BodyFormat = 'xml' | 'json' | 'form'

export interface FeedbackFields {
  type: string
  reason: string
  format: BodyFormat
}

/** 000: "You must provide the correct Content-Type header so that LeadConduit knows which format you are sending." */
export function bodyFormat(contentType: string | undefined): BodyFormat {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  if (media === 'text/xml' || media === 'application/xml' || media.endsWith('+xml')) return 'xml'
  if (media === 'application/json' || media.endsWith('+json')) return 'json'
  if (media === 'application/x-www-form-urlencoded') return 'form'
  throw new LeadflowError(
    'LF_UNSUPPORTED_MEDIA_TYPE',
    `Unsupported Content-Type "${media || '(none)'}": send text/xml, application/json or application/x-www-form-urlencoded`,
  )
}

/** Reads `type` and `reason` (without NUL, strip-nul.ts) from the body in its Content-Type's format. */
export function decodeFeedback(contentType: string | undefined, body: string | undefined): FeedbackFields {
  const format = bodyFormat(contentType)
  if (!body || body.trim() === '')
    throw new LeadflowError('LF_BAD_REQUEST', 'The body is empty: send type and reason')
  const fields = format === 'xml' ? fromXml(body) : format === 'json' ? fromJson(body) : fromForm(body)
  return { type: text(fields, 'type'), reason: text(fields, 'reason'), format }
}

function fromXml(body: string): Record<string, unknown> {
  const doc = parseXmlBody(body)
  const root = doc.feedback
  if (root === undefined || Object.keys(doc).length !== 1) {
    throw new LeadflowError('LF_BAD_REQUEST', 'The XML root element must be <feedback>')
  }
  return root && typeof root === 'object' ? (root as Record<string, unknown>) : {}
}

/**
 * Strict JSON first. The document's own JSON examples are typeset with curly quotes (“type”);
 * a body that fails to parse only because of them is read with straight quotes
 * (docs/compat.md, "LeadConduit feedback").
 */
function fromJson(body: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    if (!/[“”]/.test(body)) throw malformedJson(error)
    try {
      value = JSON.parse(body.replace(/[“”]/g, '"'))
    } catch {
      throw malformedJson(error)
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new LeadflowError('LF_BAD_REQUEST', 'The JSON body must be an object with type and reason')
  }
  return value as Record<string, unknown>
}

function malformedJson(error: unknown): LeadflowError {
  return new LeadflowError('LF_BAD_REQUEST', `Malformed JSON: ${(error as Error).message}`)
}

function fromForm(body: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(body))
}

function text(fields: Record<string, unknown>, name: string): string {
  const value = fields[name]
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return withoutNul(value)
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  throw new LeadflowError('LF_BAD_REQUEST', `"${name}" must be text`)
}
