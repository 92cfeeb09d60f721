import type { AuditChange } from '../accounts/account-stores.js'
import type { AuditContext } from '../accounts/caller.js'
import { LeadflowError } from '../errors.js'
import type { Clock } from '../ports.js'

export interface PurgeRequest {
  /** Normalized (lower-case) e-mail address. */
  email?: string
  /** Digits of the phone number as posted or in E.164 (the last 10 digits are compared). */
  phone?: string
}

export type PurgeResult = {
  leads: number[]
  calls: number
  /** Ping orders, async ping requests and sandbox inbox entries that carried the consumer's data. */
  other: number
}

/**
 * Port: erases the consumer's personal data in one transaction (src/storage/purge-consumer.ts),
 * with its audit row (`privacy.purge`): which identifiers were asked and how many rows were
 * purged, never the email or phone themselves.
 */
export interface ConsumerPurgeStore {
  purge(request: PurgeRequest, change: AuditChange, now: Date): Promise<PurgeResult>
}

/** Erasing a consumer's personal data on request (DESIGN.md, Security and data). */
export interface Privacy {
  purge(request: PurgeRequest, audit: AuditContext): Promise<PurgeResult>
}

export function createPrivacy(store: ConsumerPurgeStore, clock: Clock): Privacy {
  return {
    purge({ email, phone }, audit) {
      if (!email && !phone) throw new LeadflowError('LF_VALIDATION', 'Give an email or a phone to purge')
      return store.purge({ email, phone }, { audit, action: 'privacy.purge' }, clock.now())
    },
  }
}
