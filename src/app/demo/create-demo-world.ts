import { seedDialler } from './seed-dialler.js'
import { seedFeedback } from './seed-feedback.js'
import { seedFoundation } from './seed-foundation.js'
import type { DemoDeps } from './seed-steps.js'
import { seedUsers } from './seed-users.js'

/**
 * Creates the demo world (README, 5-minute tour). Idempotent: each step treats a taken natural
 * key as "already there", so `leadflow demo` can run on a database that already has it. Domains
 * add their own step here. Callers use `services.admin.seedDemo()` (src/app/admin-services.ts).
 */
const STEPS: ReadonlyArray<(deps: DemoDeps) => Promise<void>> = [
  seedFoundation,
  seedFeedback,
  seedDialler,
  seedUsers,
]

export async function createDemoWorld(deps: DemoDeps): Promise<void> {
  for (const step of STEPS) await step(deps)
}
