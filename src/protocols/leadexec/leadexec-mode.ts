import type { IntakeIntent } from '../../core/intake/intake-command.js'

/** The lead-creating endpoints, /processor/insert/<mode> (seed 003). */
export type LeadExecMode =
  | 'general'
  | 'manualredirect'
  | 'autoredirect'
  | 'returnsends'
  | 'transfer'
  | 'calldata'

/**
 * What each endpoint asks intake for: calldata posts a call with its call details; the others
 * differ only in the answer (StatusURL, RedirectURL to follow or a 302 to it, Sends, ClientInfos).
 */
export const MODE_INTENTS: Readonly<Record<LeadExecMode, IntakeIntent>> = {
  general: { kind: 'lead', answer: 'status' },
  manualredirect: { kind: 'lead', answer: 'redirect' },
  autoredirect: { kind: 'lead', answer: 'auto-redirect' },
  returnsends: { kind: 'lead', answer: 'sends' },
  transfer: { kind: 'lead', answer: 'agents' },
  calldata: { kind: 'call', answer: 'status' },
}

export const LEADEXEC_MODES = Object.keys(MODE_INTENTS) as LeadExecMode[]

export function intentOf(mode: LeadExecMode): IntakeIntent {
  return { ...MODE_INTENTS[mode] }
}

/** The endpoint whose answer fits an intent (a callback answers as its post would have). */
export function modeOf(intent: IntakeIntent): LeadExecMode {
  const found = LEADEXEC_MODES.find(
    (m) => MODE_INTENTS[m].kind === intent.kind && MODE_INTENTS[m].answer === intent.answer,
  )
  return found ?? 'general'
}
