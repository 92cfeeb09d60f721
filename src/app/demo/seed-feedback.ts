import { createCredential } from '../../storage/credential-store.js'
import type { Leadflow } from '../leadflow.js'
import { DEMO } from './demo-ids.js'

/** Return reasons first, so that on a fresh database they are ids 1–4 (issue 5, demo world). */
export const DEMO_RETURN_REASONS = [
  'Wrong number',
  'Duplicate',
  'Bad contact info',
  'Not interested',
] as const
export const DEMO_REJECT_REASONS = ['Outside return window', 'Insufficient proof'] as const

/** The CAKE ReturnLead key `demo-api-key` and the return and reject reasons. Idempotent. */
export async function seedFeedback(lf: Leadflow): Promise<void> {
  const now = lf.clock.now()
  await createCredential(
    lf.db,
    {
      ownerKind: 'cake',
      ownerId: null,
      kind: 'api_key',
      secret: DEMO.cakeApiKey,
      label: 'demo ReturnLead key',
    },
    now,
  )
  for (const name of DEMO_RETURN_REASONS) await ensureReason(lf, 'return', name, now)
  for (const name of DEMO_REJECT_REASONS) await ensureReason(lf, 'reject', name, now)
}

async function ensureReason(lf: Leadflow, kind: 'return' | 'reject', name: string, now: Date) {
  const existing = await lf.db
    .selectFrom('reasons')
    .select('id')
    .where('kind', '=', kind)
    .where('name', '=', name)
    .executeTakeFirst()
  if (existing) return
  await lf.db.insertInto('reasons').values({ kind, name, active: 1, created_at: now.toISOString() }).execute()
}
