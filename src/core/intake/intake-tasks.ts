/** Job task names intake owns (registered in src/http/register-domains.ts). */
export const PROCESS_LEAD_TASK = 'intake.process'
export const CALLBACK_TASK = 'intake.callback'
export const PING_TASK = 'intake.ping'
export const PING_CALLBACK_TASK = 'intake.ping-callback'

/** How long a synchronous post may take before its recovery job distributes it instead. */
export const SYNC_RECOVERY_MS = 10 * 60_000

export interface ProcessLeadPayload {
  leadId: number
}

export interface CallbackPayload {
  leadId: number
}

export interface PingPayload {
  pingId: string
}
