import type { FieldValue } from '../distribution/lead-view.js'
import type { OutboundRequest } from '../ports.js'
import type { Auth, DeliverySettings } from './delivery-settings.js'
import { buildPayload } from './field-mapping.js'
import { type DeliveryVars, renderTemplate } from './template.js'
import { flatten } from './value-paths.js'
import { buildXml } from './xml.js'

export const DEFAULT_TIMEOUT_MS = 10_000
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/'

function authHeader(auth: Auth | undefined): Record<string, string> {
  if (!auth) return {}
  if (auth.kind === 'bearer') return { authorization: `Bearer ${auth.token ?? ''}` }
  const pair = Buffer.from(`${auth.username ?? ''}:${auth.password ?? ''}`).toString('base64')
  return { authorization: `Basic ${pair}` }
}

function withQuery(url: string, pairs: Array<[string, string]>): string {
  const u = new URL(url)
  for (const [k, v] of pairs) u.searchParams.append(k, v)
  return u.toString()
}

function encodeBody(target: DeliverySettings, payload: Record<string, unknown>) {
  switch (target.format ?? 'json') {
    case 'form':
      return {
        type: 'application/x-www-form-urlencoded',
        body: new URLSearchParams(flatten(payload)).toString(),
      }
    case 'xml':
      return { type: 'application/xml; charset=utf-8', body: buildXml({ [target.root ?? 'lead']: payload }) }
    case 'soap': {
      const op = { ...(target.namespace ? { '@xmlns': target.namespace } : {}), ...payload }
      const envelope = {
        'soap:Envelope': { '@xmlns:soap': SOAP_ENV, 'soap:Body': { [target.root ?? 'lead']: op } },
      }
      return { type: 'text/xml; charset=utf-8', body: buildXml(envelope) }
    }
    case 'query':
      return null
    default:
      return { type: 'application/json', body: JSON.stringify(payload) }
  }
}

/**
 * The outbound request for one delivery (post or ping): body in the target's format from its
 * field mapping, the buyer's event id in `X-Leadflow-Event-Id` and as `Idempotency-Key`, so a
 * retried delivery is recognisable as the same one (the key does not change between attempts).
 */
export function buildRequest(
  target: DeliverySettings,
  fields: Record<string, FieldValue>,
  vars: DeliveryVars,
): OutboundRequest {
  if (!target.url) throw new Error('delivery has no url')
  const payload = buildPayload(target.mapping, fields, vars)
  const method = (target.method ?? 'POST').toUpperCase()
  const encoded = method === 'GET' ? null : encodeBody(target, payload)
  const headers: Record<string, string> = {
    'x-leadflow-event-id': vars.event_id,
    'idempotency-key': vars.idempotency_key,
    ...authHeader(target.auth),
    ...(encoded ? { 'content-type': encoded.type } : {}),
    ...(target.format === 'soap' && target.soapAction ? { soapaction: `"${target.soapAction}"` } : {}),
    ...renderHeaders(target.headers, fields, vars),
  }
  return {
    method,
    url: encoded ? target.url : withQuery(target.url, flatten(payload)),
    headers,
    body: encoded?.body,
    timeoutMs: target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    followRedirects: target.followRedirects ?? false,
    allowPrivate: target.allowPrivate ?? false,
  }
}

/**
 * A lead's own data made a delivery impossible to send (a header value HTTP cannot carry). It
 * says nothing about the buyer, so it never counts toward the contract's auto-pause (issue 12).
 */
export class LeadDataError extends Error {
  override name = 'LeadDataError'
}

// Control characters (CR/LF above all: header injection, RFC 9110 §5.5) are dropped from values
// templated into a header; what remains must be a valid field value (tab, visible ASCII, obs-text).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const HEADER_CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f]/g
const HEADER_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/

/** Contract headers may use templates too (`X-Api-Key: {{api_key}}`, `X-Ref: {{event_id}}`). */
function renderHeaders(
  headers: Record<string, string> | undefined,
  fields: Record<string, FieldValue>,
  vars: DeliveryVars,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers ?? {})) {
    const value = renderTemplate(v, fields, vars, 'normal', (s) => s.replace(HEADER_CONTROLS, ''))
    if (!HEADER_VALUE.test(value))
      throw new LeadDataError(
        `header ${k} cannot carry the lead's data (characters outside HTTP header text)`,
      )
    out[k.toLowerCase()] = value
  }
  return out
}
