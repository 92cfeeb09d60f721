/**
 * A contract's delivery_json (docs/distribution.md, "Delivery"). `kind: 'http'` posts to a buyer
 * endpoint; `kind: 'call_queue'` hands the lead to the dialler; `sandbox` names a built-in
 * sandbox buyer that leadflow serves itself.
 */
export type BodyFormat = 'json' | 'form' | 'xml' | 'query' | 'soap'

export interface FieldMap {
  /** Target: a dotted path (`applicant.contact.email`); in XML `@name` as the last step is an attribute. */
  to: string
  /** Lead field to read. */
  from?: string
  /** A constant. */
  value?: string | number | boolean
  /** A template: `{{Email}}`, `{{raw.Phone}}`, `{{event_id}}`, `{{lead_id}}`, `{{price}}`. */
  template?: string
  /** Which value of the field: intake's normalized one (default) or what the source sent. */
  use?: 'normal' | 'raw'
}

export interface ResponseRules {
  /** Where the outcome term is searched: `json:path`, `xpath:/a/b`, or the whole body (absent). */
  outcomeAt?: string
  /** Text, or `/regex/flags`, that means accepted. */
  accepted?: string
  /** Text, or `/regex/flags`, that means rejected. */
  rejected?: string
  /** Extractors: `json:path`, `xpath:/a/b`, or `regex:pattern` (first group). */
  reason?: string
  price?: string
  redirectUrl?: string
  buyerLeadId?: string
  agentName?: string
  agentPhone?: string
  /** Price is in `dollars` (default, "12.50") or `cents`. */
  priceUnit?: 'dollars' | 'cents'
  defaults?: Partial<
    Record<'reason' | 'redirectUrl' | 'buyerLeadId' | 'agentName' | 'agentPhone', string>
  > & {
    priceCents?: number
  }
}

export interface Auth {
  kind: 'basic' | 'bearer'
  username?: string
  password?: string
  token?: string
}

export interface HttpTarget {
  url?: string
  method?: string
  format?: BodyFormat
  mapping?: readonly FieldMap[]
  /** XML root element (default `lead`); SOAP operation element. */
  root?: string
  soapAction?: string
  namespace?: string
  headers?: Record<string, string>
  response?: ResponseRules
}

export interface RetrySettings {
  /** Extra attempts after an error, run as jobs (async work only). */
  attempts: number
  delaysMs?: readonly number[]
}

export interface DeliverySettings extends HttpTarget {
  kind: 'http' | 'call_queue' | 'email'
  sandbox?: string
  auth?: Auth
  timeoutMs?: number
  followRedirects?: boolean
  /** Set only by resolveSandbox for leadflow's own sandbox; never read from stored settings. */
  allowPrivate?: boolean
  /** Ping endpoint settings; fields absent here fall back to the post's. */
  ping?: HttpTarget
  retry?: RetrySettings
  /** call_queue */
  type?: string
  subtype?: string
  /** email: the buyer's addresses, the subject template and which fields to list (default all). */
  to?: string[]
  subject?: string
  fields?: string[]
}

/** The response rules every sandbox buyer answers to (src/protocols/sandbox/sandbox-rules.ts). */
export const SANDBOX_RESPONSE: ResponseRules = {
  outcomeAt: 'json:status',
  accepted: 'accepted',
  rejected: 'rejected',
  reason: 'json:reason',
  price: 'json:price',
  redirectUrl: 'json:redirect_url',
  buyerLeadId: 'json:lead_id',
}

/**
 * A sandbox delivery points at leadflow's own /sandbox/<name>/{ping,post}, which is on a local
 * address by nature, hence allowPrivate. Nothing stored can widen that: a sandbox contract's URLs
 * are always leadflow's own (any stored `url` is ignored, redirects are not followed), and any
 * other contract's stored `allowPrivate` is dropped — private targets are the operator's choice
 * alone (LEADFLOW_OUTBOUND_ALLOW; issue 12, "Outbound").
 */
export function resolveSandbox(delivery: DeliverySettings, publicUrl: string): DeliverySettings {
  if (!delivery.sandbox) return { ...delivery, allowPrivate: false }
  const base = `${publicUrl}/sandbox/${encodeURIComponent(delivery.sandbox)}`
  return {
    method: 'POST',
    format: 'json',
    response: SANDBOX_RESPONSE,
    ...delivery,
    url: `${base}/post`,
    ping: { ...delivery.ping, url: `${base}/ping` },
    followRedirects: false,
    allowPrivate: true,
  }
}

/** The ping target: the post's settings overlaid with the contract's ping settings. */
export function pingTarget(delivery: DeliverySettings): DeliverySettings | null {
  if (!delivery.ping?.url) return null
  return { ...delivery, ...delivery.ping, response: { ...delivery.response, ...delivery.ping.response } }
}
