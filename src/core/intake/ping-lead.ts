import { randomUUID } from 'node:crypto'
import { parseLead } from '../leads/parse-lead.js'
import { alignFieldNames } from './align-field-names.js'
import { authenticate } from './authenticate.js'
import type { SourceCredentials } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import type { Rejection } from './rejection.js'
import { resolveLeadType } from './resolve-lead-type.js'

export interface PingCommand {
  credentials: SourceCredentials
  lid?: string
  fields: Record<string, string>
}

export interface PingResult {
  ok: true
  willAccept: boolean
  requestId: string
  orderId: string
  estimatedPriceCents: number
  expiresAt: Date | null
  response: string
}

export const COVERAGE_FOUND = 'Coverage found, please supply Order ID in POST'
export const NO_COVERAGE = 'No coverage found'

/**
 * A ping (seed 003, "PING"): the partial lead is parsed leniently (only what was sent, since
 * contact data should be left out) and handed to distribution's auction, which holds the bids
 * under an order id. Auctions, bids and orders are distribution's; intake only translates.
 */
export async function pingLead(deps: IntakeDeps, cmd: PingCommand): Promise<PingResult | Rejection> {
  const auth = await authenticate(deps, cmd.credentials, cmd.lid)
  if (!auth.ok) return auth
  const resolved = await resolveLeadType(deps, auth.source, cmd.lid)
  if (!resolved.ok) return resolved
  const { leadType } = resolved
  const parsed = parseLead(leadType.fields, alignFieldNames(leadType.fields, cmd.fields), deps.clock.now())
  const fields: Record<string, unknown> = { ...parsed.extra }
  for (const [name, value] of Object.entries(parsed.fields)) {
    if (value.valid && value.raw !== '') fields[name] = value
  }
  const outcome = await deps.distributor.ping({ sourceId: auth.source.id, leadTypeId: leadType.id, fields })
  const willAccept = outcome.orderId !== ''
  return {
    ok: true,
    willAccept,
    requestId: randomUUID(),
    orderId: outcome.orderId,
    estimatedPriceCents: outcome.estimatedPriceCents,
    expiresAt: outcome.expiresAt,
    response: willAccept ? COVERAGE_FOUND : NO_COVERAGE,
  }
}
