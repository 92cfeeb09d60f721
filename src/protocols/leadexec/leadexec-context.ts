import type { IdempotencyStore } from '../../core/idempotency/idempotency-store.js'
import type { IntakeDeps } from '../../core/intake/intake-deps.js'
import type { LeadStatusView } from '../../core/intake/lead-status.js'

/** What the LeadExec plugin is given by the composition root (src/http/mount-domains.ts). */
export interface LeadexecContext {
  readonly intake: IntakeDeps
  /** A post's current state by PostID, for the status URLs. */
  readonly leadStatus: { find(postId: string): Promise<LeadStatusView | undefined> }
  /** The base of the status URLs handed out in LeadQueueResponse. */
  readonly publicUrl: string
  /** Stored answers for requests sent with an Idempotency-Key. */
  readonly idempotency: IdempotencyStore
  /** Wakes the job worker after an async post or update enqueued work. */
  nudge(): void
}
