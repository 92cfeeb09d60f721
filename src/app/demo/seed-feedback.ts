import type { ReasonKind } from '../../core/feedback/reason-admin.js'
import type { AdminServices } from '../admin-services.js'
import { DEMO } from './demo-ids.js'
import { type DemoDeps, demoCredential, ifAbsent } from './seed-steps.js'

/** Return reasons first, so that on a fresh database they are ids 1–4 (issue 5, demo world). */
export const DEMO_RETURN_REASONS = [
  'Wrong number',
  'Duplicate',
  'Bad contact info',
  'Not interested',
] as const
export const DEMO_REJECT_REASONS = ['Outside return window', 'Insufficient proof'] as const

/** The CAKE ReturnLead key `demo-api-key` and the return and reject reasons. Idempotent. */
export async function seedFeedback(deps: DemoDeps): Promise<void> {
  const { admin } = deps
  await demoCredential(deps, {
    owner_kind: 'cake',
    kind: 'api_key',
    secret: DEMO.cakeApiKey,
    label: 'demo ReturnLead key',
  })
  for (const name of DEMO_RETURN_REASONS) await ensureReason(admin, 'return', name)
  for (const name of DEMO_REJECT_REASONS) await ensureReason(admin, 'reject', name)
}

async function ensureReason(admin: AdminServices, kind: ReasonKind, name: string) {
  await ifAbsent(
    () => admin.reasons.create(kind, name),
    async () => undefined,
  )
}
