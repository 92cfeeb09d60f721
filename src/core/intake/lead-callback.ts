import type { IntakeIntent, IntakeOutcome } from './intake-command.js'

/** What the `returnurl` callback of a finished async post needs (seed 003, `returnurl`). */
export interface LeadCallback {
  leadId: number
  sourceId: number | null
  intent: IntakeIntent
  returnUrl: string
  outcome: IntakeOutcome
  /** The stored command's meta (e.g. the response `format` the post asked for). */
  meta: Record<string, string> | undefined
}
