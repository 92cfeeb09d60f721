import type { AuditChange } from '../accounts/account-stores.js'
import type { AuditContext } from '../accounts/caller.js'
import { type EventRecord, instantEvent } from '../events/event-record.js'
import type { Clock } from '../ports.js'

/** `status` is null when there is no such contract. */
export type ResumeResult = { ok: true } | { ok: false; status: string | null }

/** Puts a paused contract back to work and writes its event and audit row, in one transaction. */
export interface ContractSwitchStore {
  resume(contractId: number, event: EventRecord, change: AuditChange, now: Date): Promise<ResumeResult>
  /**
   * Sets a contract `active` or `off` with its event and audit row in one transaction; a contract
   * already in that state is left alone (no event). `status` is the one it had before.
   */
  setStatus(
    contractId: number,
    status: SwitchedStatus,
    event: EventRecord,
    change: AuditChange,
    now: Date,
  ): Promise<SwitchResult>
}

/** What an operator may switch a contract to (docs/distribution.md, "Switching contracts"). */
export type SwitchedStatus = 'active' | 'off'

/** `status` is null when there is no such contract; `changed` false when it already was there. */
export type SwitchResult = { found: true; before: string; changed: boolean } | { found: false }

export interface ContractSwitches {
  /** Resumes an auto-paused contract (docs/distribution.md, "Auto-pause"). */
  resume(contractId: number, audit: AuditContext): Promise<ResumeResult>
  /** Turns a contract on or off (the operator's switch, without the rest of its configuration). */
  switchTo(contractId: number, status: SwitchedStatus, audit: AuditContext): Promise<SwitchResult>
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
    switchTo(contractId, status, audit) {
      const now = deps.clock.now()
      const event = instantEvent({
        leadId: null,
        kind: 'contract',
        step: status === 'active' ? 'switch-on' : 'switch-off',
        contractId,
        outcome: status,
        reason: `switched ${status === 'active' ? 'on' : 'off'} by an operator`,
        at: now,
      })
      const action = status === 'active' ? 'contract.switch_on' : 'contract.switch_off'
      return deps.store.setStatus(contractId, status, event, { audit, action }, now)
    },
  }
}
