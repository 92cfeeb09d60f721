import { randomUUID } from 'node:crypto'
import { parseLead } from '../leads/parse-lead.js'
import type { JobSpec } from '../ports.js'
import { alignFieldNames } from './align-field-names.js'
import { authenticate } from './authenticate.js'
import type { QueueOutcome, SourceCredentials } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import type { LeadTypeRecord } from './intake-store.js'
import { PING_CALLBACK_TASK, PING_TASK } from './intake-tasks.js'
import type { Rejection } from './rejection.js'
import { resolveLeadType } from './resolve-lead-type.js'

export interface PingCommand {
  credentials: SourceCredentials
  leadTypeId?: string
  fields: Record<string, string>
  returnUrl?: string
  meta?: Record<string, string>
  /** A test ping (docs/distribution.md, "Test leads"). */
  test?: boolean
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
/** Word for word the document's async ping answer (seed 003, PING, "Async Response"). */
export const PING_QUEUED_DETAIL = 'Lead has been queued for processing'

/**
 * A ping (seed 003, "PING"): the partial lead is parsed leniently (only what was sent, since
 * contact data should be left out) and handed to distribution's auction, which holds the bids
 * under an order id. Auctions, bids and orders are distribution's; intake only translates.
 */
export async function pingLead(deps: IntakeDeps, cmd: PingCommand): Promise<PingResult | Rejection> {
  const checked = await checkPing(deps, cmd)
  if (!checked.ok) return checked
  return runPing(deps, checked.sourceId, checked.leadType, cmd.fields, randomUUID(), cmd.test === true)
}

/**
 * An async ping: checked now (a refusal stores nothing), stored with its job in one
 * transaction, run by the `intake.ping` job, its answer POSTed to returnurl.
 */
export async function queuePing(deps: IntakeDeps, cmd: PingCommand): Promise<QueueOutcome> {
  const checked = await checkPing(deps, cmd)
  if (!checked.ok) return { queued: false, postId: '', detail: checked.detail, reason: checked.reason }
  const id = randomUUID()
  await deps.store.saveQueuedPing(
    {
      id,
      sourceId: checked.sourceId,
      leadTypeId: checked.leadType.id,
      request: { fields: cmd.fields, meta: cmd.meta ?? {}, ...(cmd.test ? { test: true } : {}) },
      returnUrl: cmd.returnUrl?.trim() || null,
      createdAt: deps.clock.now().toISOString(),
    },
    [{ task: PING_TASK, payload: { pingId: id }, options: { key: `intake-ping:${id}` } }],
  )
  return { queued: true, postId: id, detail: PING_QUEUED_DETAIL }
}

/**
 * The `intake.ping` job. A ping that already has its answer is left alone; a re-run after a
 * crash between the auction and recording its answer runs the auction again, which only holds
 * bids (nothing is sold by a ping), and the first recorded answer wins.
 */
export async function processPing(deps: IntakeDeps, id: string): Promise<void> {
  const ping = await deps.store.loadPing(id)
  if (ping?.status !== 'queued') return
  const leadType = await deps.store.findLeadTypeById(ping.leadTypeId)
  if (!leadType) return
  const result = await runPing(
    deps,
    ping.sourceId,
    leadType,
    ping.request.fields,
    ping.id,
    ping.request.test === true,
  )
  const jobs: JobSpec[] = ping.returnUrl
    ? [
        {
          task: PING_CALLBACK_TASK,
          payload: { pingId: id },
          options: { key: `intake-ping-callback:${id}`, maxAttempts: 8 },
        },
      ]
    : []
  await deps.store.finishPing(id, result, jobs)
}

async function checkPing(deps: IntakeDeps, cmd: PingCommand) {
  const auth = await authenticate(deps, cmd.credentials, cmd.leadTypeId)
  if (!auth.ok) return auth
  const resolved = await resolveLeadType(deps, auth.source, cmd.leadTypeId)
  if (!resolved.ok) return resolved
  return { ok: true as const, sourceId: auth.source.id, leadType: resolved.leadType }
}

async function runPing(
  deps: IntakeDeps,
  sourceId: number,
  leadType: LeadTypeRecord,
  input: Record<string, string>,
  requestId: string,
  test: boolean,
): Promise<PingResult> {
  const parsed = parseLead(leadType.fields, alignFieldNames(leadType.fields, input), deps.clock.now())
  const fields: Record<string, unknown> = { ...parsed.extra }
  for (const [name, value] of Object.entries(parsed.fields)) {
    if (value.valid && value.raw !== '') fields[name] = value
  }
  const outcome = await deps.distributor.ping({ sourceId, leadTypeId: leadType.id, fields, test })
  const willAccept = outcome.orderId !== ''
  return {
    ok: true,
    willAccept,
    requestId,
    orderId: outcome.orderId,
    estimatedPriceCents: outcome.estimatedPriceCents,
    expiresAt: outcome.expiresAt,
    response: willAccept ? COVERAGE_FOUND : NO_COVERAGE,
  }
}
