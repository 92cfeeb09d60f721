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

/** Contract headers may use templates too (`X-Api-Key: {{api_key}}`, `X-Ref: {{event_id}}`). */
function renderHeaders(
  headers: Record<string, string> | undefined,
  fields: Record<string, FieldValue>,
  vars: DeliveryVars,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = renderTemplate(v, fields, vars)
  return out
}
