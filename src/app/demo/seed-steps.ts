import type { UserAdmin } from '../../core/accounts/user-admin.js'
import { LeadflowError } from '../../core/errors.js'
import type { Clock } from '../../core/ports.js'
import type { NewDiallerCampaign } from '../../storage/dialler-admin-store.js'
import type { AdminServices } from '../admin-services.js'

/** What a demo step uses: the same use-cases as the admin API, plus the dialler campaign repository. */
export interface DemoDeps {
  admin: AdminServices
  clock: Clock
  /** Inserts a dialler campaign unless its type/subtype exists (src/storage/dialler-admin-store.ts). */
  createDiallerCampaign(campaign: NewDiallerCampaign, now: Date): Promise<unknown>
  /** Console users (src/app/accounts-services.ts); absent when accounts are not built. */
  users?: Pick<UserAdmin, 'plant'>
  /** Marks what the demo world created, so a start without --demo retires it (storage/demo-marks.ts). */
  markDemo(kind: 'credential' | 'source', ref: string): Promise<void>
}

/**
 * Creates with `create`; when the natural key is taken (409 LF_CONFLICT), the demo object exists
 * already and `existing` finds it. This keeps every step idempotent without check-then-insert.
 */
export async function ifAbsent<T>(create: () => Promise<T>, existing: () => Promise<T>): Promise<T> {
  try {
    return await create()
  } catch (error) {
    if (error instanceof LeadflowError && error.code === 'LF_CONFLICT') return existing()
    throw error
  }
}

/** Issues a credential with a fixed demo secret; a second run finds the secret taken and moves on. */
export async function demoCredential(
  { admin, markDemo }: Pick<DemoDeps, 'admin' | 'markDemo'>,
  credential: { secret: string; [key: string]: unknown },
): Promise<void> {
  await markDemo('credential', credential.secret)
  await ifAbsent(
    () => admin.credentials.issue(credential),
    async () => undefined,
  )
}
