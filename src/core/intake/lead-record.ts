import { copyWithout } from '../copy-without.js'
import type { ParsedLead } from '../leads/parse-lead.js'
import type { IntakeCommand } from './intake-command.js'
import type { LeadRecord } from './intake-store.js'

export interface PostRef {
  postId: string
  receivedAt: string
  /** Set when a queued async row becomes this lead. */
  leadId?: number
  /** Async posts with a returnurl get the final response by POST. */
  callback?: boolean
}

/**
 * What is kept of the request itself: the command without its secrets (password and token are
 * never stored), so a queued post can be processed later exactly as it came.
 */
export function storedCommand(cmd: IntakeCommand): IntakeCommand {
  const credentials = copyWithout({}, cmd.credentials, ['password', 'token'])
  return { ...cmd, credentials: credentials as IntakeCommand['credentials'] }
}

/** Consent certificate ids (TrustedForm / Jornaya) found among the parsed fields. */
export function consentOf(parsed: ParsedLead | undefined): Record<string, unknown> | null {
  if (!parsed) return null
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(parsed.fields)) {
    if (value.valid && 'provider' in value.components) out[name] = value.components
  }
  return Object.keys(out).length ? out : null
}

/** The row's common part; raw keeps `{ command, async }` (storage keeps its stored shape, intake-terms.ts). */
export function baseRecord(
  cmd: IntakeCommand,
  sourceId: number,
  post: PostRef,
  async = post.leadId !== undefined,
): LeadRecord {
  return {
    postId: post.postId,
    sourceId,
    campaignId: null,
    leadTypeId: null,
    reference: cmd.reference?.trim() || null,
    status: 'queued',
    reason: null,
    rejectionReason: null,
    intent: cmd.intent,
    raw: { command: storedCommand(cmd), async },
    fields: {},
    noSell: cmd.noSell === true,
    isTest: cmd.test === true,
    pendingQc: false,
    returnUrl: cmd.returnUrl?.trim() || null,
    sendAfter: null,
    orderId: cmd.orderId?.trim() || null,
    consent: null,
    ip: cmd.ip ?? null,
    receivedAt: post.receivedAt,
  }
}
