import type { AuditChange } from '../accounts/account-stores.js'
import type { AuditContext } from '../accounts/caller.js'
import { type EventRecord, instantEvent } from '../events/event-record.js'
import type { Clock } from '../ports.js'

/** `status` is null when there is no such contract. */
export type ResumeResult = { ok: true } | { ok: false; status: string | null }

/** Puts a paused contract back to work and writes its event and audit row, in one transaction. */
export interface ContractSwitchStore {
  resume(contractId: number, event: EventRecord, change: AuditChange, now: Date): Promise<ResumeResult>
}

export interface ContractSwitches {
  /** Resumes an auto-paused contract (docs/distribution.md, "Auto-pause"). */
  resume(contractId: number, audit: AuditContext): Promise<ResumeResult>
}

export function createContractSwitches(deps: { store: ContractSwitchStore; clock: Clock }): ContractSwitches {
  return {
    resume(contractId, audit) {
      const now = deps.clock.now()
      const event = instantEvent({
        leadId: null,
        kind: 'contract',
        step: 'resume',
        contractId,
        outcome: 'active',
        reason: 'resumed by admin',
        at: now,
      })
      return deps.store.resume(contractId, event, { audit, action: 'contract.resume' }, now)
    },
  }
}
