import { copyWithout } from '../core/copy-without.js'
import type { IntakeCommand, IntakeIntent, IntakeOutcome } from '../core/intake/intake-command.js'
import type { IntakeReason } from '../core/intake/intake-reason.js'
import type { IntakeEventRecord, PostDecisionEvent } from '../core/intake/intake-store.js'

/**
 * Intake's stored vocabulary. Rows written before intake spoke its own terms hold the names of
 * the first protocol it served (LeadExec, seed 003): `leads.response_type` and outcome_json's
 * `responseType` a ResponseType name, `leads.mode` and the intake event's step an endpoint
 * name, raw_json's command `vid`/`aid`/`lid`/`mode`. Storage keeps writing exactly those strings
 * and shapes and translates at its edge, so existing databases read unchanged and the admin API
 * (lead list and detail: mode, response_type, raw, outcome, events) answers as before.
 */
const STORED_REASON: Record<IntakeReason, string> = {
  accepted: 'No_Error',
  unknown_campaign: 'System_ID_Missing',
  unknown_lead_type: 'LeadType_ID_Missing',
  missing_source: 'Vendor_ID_Missing',
  unknown_account: 'No_Account_Found',
  outside_criteria: 'Outside_Criteria',
  duplicate: 'Duplicate_Lead',
  account_disabled: 'Account_Disabled',
  over_post_cap: 'Post_Over_Max',
  invalid_data: 'Data_Errors',
}

const REASON_OF_STORED = new Map(Object.entries(STORED_REASON).map(([r, s]) => [s, r as IntakeReason]))

/** Stored mode per intent; every intent has exactly one. */
const STORED_MODES: readonly (readonly [string, IntakeIntent])[] = [
  ['general', { kind: 'lead', answer: 'status' }],
  ['manualredirect', { kind: 'lead', answer: 'redirect' }],
  ['autoredirect', { kind: 'lead', answer: 'auto-redirect' }],
  ['returnsends', { kind: 'lead', answer: 'sends' }],
  ['transfer', { kind: 'lead', answer: 'agents' }],
  ['calldata', { kind: 'call', answer: 'status' }],
]

export function storedReason(reason: IntakeReason): string {
  return STORED_REASON[reason]
}

/** Unknown stored names read as invalid_data, the catch-all refusal. */
export function reasonFromStored(name: unknown): IntakeReason {
  return REASON_OF_STORED.get(String(name)) ?? 'invalid_data'
}

export function storedMode(intent: IntakeIntent): string {
  const found = STORED_MODES.find(([, i]) => i.kind === intent.kind && i.answer === intent.answer)
  return found ? found[0] : 'general'
}

/** Modes that are not an intake endpoint's (`dialler`, …) read as a plain lead. */
export function intentFromStored(mode: unknown): IntakeIntent {
  const found = STORED_MODES.find(([m]) => m === mode)
  return found ? { ...found[1] } : { kind: 'lead', answer: 'status' }
}

/** The outcome in its stored shape and key order. */
export function storedOutcome(o: IntakeOutcome): Record<string, unknown> {
  const stored = {
    postId: o.postId,
    leadId: o.leadId,
    isValid: o.isValid,
    responseType: storedReason(o.reason),
    detail: o.detail,
    campaignAid: o.campaignId,
  }
  return copyWithout(stored, o, ['reason', 'campaignId', 'postId', 'leadId', 'isValid', 'detail'])
}

export function outcomeFromStored(stored: Record<string, any>): IntakeOutcome {
  const outcome = {
    postId: stored.postId,
    leadId: stored.leadId,
    isValid: stored.isValid,
    reason: reasonFromStored(stored.responseType),
    detail: stored.detail,
    campaignId: stored.campaignAid,
  }
  return copyWithout(outcome, stored, [
    'responseType',
    'campaignAid',
    'postId',
    'leadId',
    'isValid',
    'detail',
  ]) as unknown as IntakeOutcome
}

/** A (possibly partial) command in its stored shape and key order; undefined keys vanish in JSON. */
export function commandForStorage(cmd: Partial<IntakeCommand>): Record<string, unknown> {
  const { credentials, intent } = cmd
  const out: Record<string, unknown> = {}
  if (credentials) {
    const stored = { vid: credentials.sourceId, aid: credentials.campaignId }
    out.credentials = copyWithout(stored, credentials, ['sourceId', 'campaignId'])
  }
  if ('leadTypeId' in cmd) out.lid = cmd.leadTypeId
  if (intent) out.mode = storedMode(intent)
  return copyWithout(out, cmd, ['credentials', 'leadTypeId', 'intent'])
}

export function commandFromStorage(stored: Record<string, any>): Partial<IntakeCommand> {
  const { credentials } = stored
  const out: Record<string, unknown> = {}
  if (credentials && typeof credentials === 'object') {
    const read = { sourceId: credentials.vid, campaignId: credentials.aid }
    out.credentials = copyWithout(read, credentials, ['vid', 'aid'])
  }
  if ('lid' in stored) out.leadTypeId = stored.lid
  if ('mode' in stored) out.intent = intentFromStored(stored.mode)
  return copyWithout(out, stored, ['credentials', 'lid', 'mode'])
}

/** raw_json `{ command, async, … }` with its command in the stored shape, and back. */
export function storedRaw(raw: unknown): unknown {
  if (!isObject(raw) || !isObject(raw.command)) return raw
  return { ...raw, command: commandForStorage(raw.command as Partial<IntakeCommand>) }
}

export function rawFromStored(raw: Record<string, any>): Record<string, any> {
  if (!isObject(raw.command)) return raw
  return { ...raw, command: commandFromStorage(raw.command) }
}

/** A post's decision event as stored: step the mode, data `{ responseType, mode, reference }`. */
export function storedEvent(event: IntakeEventRecord | PostDecisionEvent): IntakeEventRecord {
  if (!('intent' in event)) return event
  const mode = storedMode(event.intent)
  const { decision } = event
  return {
    kind: event.kind,
    step: mode,
    outcome: event.outcome,
    reason: event.reason,
    data: decision
      ? { responseType: storedReason(decision.code), mode, reference: decision.reference }
      : null,
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
