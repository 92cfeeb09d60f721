import type { Leadflow } from '../leadflow.js'
import { seedDialler } from './seed-dialler.js'
import { seedFeedback } from './seed-feedback.js'
import { seedFoundation } from './seed-foundation.js'

/**
 * Creates the demo world (README, 5-minute tour). Idempotent: each step checks what exists, so
 * `leadflow demo` can run on a database that already has it. Domains add their own step here.
 */
const STEPS: ReadonlyArray<(lf: Leadflow) => Promise<void>> = [seedFoundation, seedFeedback, seedDialler]

export async function createDemoWorld(lf: Leadflow): Promise<void> {
  for (const step of STEPS) await step(lf)
}
