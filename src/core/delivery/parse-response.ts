import type { OutboundResponse } from '../ports.js'
import type { ResponseRules } from './delivery-settings.js'
import { extract, type ParsedBody, termMatches } from './extract.js'
import { parseXml } from './xml.js'

export type DeliveryOutcome = 'accepted' | 'rejected' | 'error'

export interface ParsedResponse {
  outcome: DeliveryOutcome
  reason: string
  /** A bid or a price the buyer quotes, cents; null when none. */
  priceCents: number | null
  redirectUrl: string
  buyerLeadId: string
  agentName: string
  agentPhone: string
}

function parseBody(text: string): ParsedBody {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { text, json, xml: json === undefined ? (parseXml(text) ?? undefined) : undefined }
}

function toCents(value: string | undefined, unit: 'dollars' | 'cents'): number | null {
  if (value === undefined) return null
  const n = Number(String(value).replace(/[$,\s]/g, ''))
  if (!Number.isFinite(n) || n < 0) return null
  return unit === 'cents' ? Math.round(n) : Math.round(n * 100)
}

function decide(
  status: number,
  subject: string | undefined,
  rules: ResponseRules,
): [DeliveryOutcome, string] {
  if (status >= 500) return ['error', `HTTP ${status}`]
  const text = subject ?? ''
  if (rules.accepted && termMatches(rules.accepted, text))
    return status < 400 ? ['accepted', ''] : ['rejected', `HTTP ${status}`]
  if (rules.rejected && termMatches(rules.rejected, text)) return ['rejected', '']
  if (!rules.accepted && !rules.rejected)
    return status < 300 ? ['accepted', ''] : ['rejected', `HTTP ${status}`]
  if (status >= 400) return ['rejected', `HTTP ${status}`]
  // Terms were configured and the answer matched neither: the buyer said something we cannot read.
  return ['error', 'unrecognized response: matched neither the accepted nor the rejected term']
}

/**
 * Turns a buyer's answer into accepted / rejected / error by the contract's rules
 * (docs/distribution.md, "Response parsing"). Never throws: a body that the rules cannot read
 * is an `error` with the cause.
 */
export function parseResponse(response: OutboundResponse, rules: ResponseRules = {}): ParsedResponse {
  const body = parseBody(response.body)
  const d = rules.defaults ?? {}
  const read = (rule: string | undefined) => (rule ? safeExtract(body, rule) : undefined)
  let outcome: DeliveryOutcome
  let reason: string
  try {
    const subject = rules.outcomeAt ? extract(body, rules.outcomeAt) : response.body
    ;[outcome, reason] = decide(response.status, subject, rules)
  } catch (error) {
    ;[outcome, reason] =
      response.status >= 500
        ? ['error', `HTTP ${response.status}`]
        : ['error', `unparseable response: ${(error as Error).message}`]
  }
  return {
    outcome,
    reason: outcome === 'error' ? reason : read(rules.reason) || reason || d.reason || '',
    priceCents: toCents(read(rules.price), rules.priceUnit ?? 'dollars') ?? d.priceCents ?? null,
    redirectUrl: read(rules.redirectUrl) ?? d.redirectUrl ?? '',
    buyerLeadId: read(rules.buyerLeadId) ?? d.buyerLeadId ?? '',
    agentName: read(rules.agentName) ?? d.agentName ?? '',
    agentPhone: read(rules.agentPhone) ?? d.agentPhone ?? '',
  }
}

function safeExtract(body: ParsedBody, rule: string): string | undefined {
  try {
    return extract(body, rule)
  } catch {
    return undefined
  }
}
