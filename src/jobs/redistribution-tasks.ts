import type { Clock, JobSpec } from '../core/ports.js'
import { nextSweepJob, type Redistribution } from '../core/redistribution/redistribution.js'
import type { TaskHandler } from './task-handlers.js'

export interface SweepDeps {
  redistribution: Pick<Redistribution, 'sweep'>
  clock: Clock
  everyMinutes: number
  enqueue(jobs: readonly JobSpec[]): Promise<void>
}

/**
 * `redistribution.sweep`: queues the leads due under every active rule, one keyed offer job per
 * lead and attempt. The successor is enqueued first and keyed by its slot, so every node's start
 * and every run agree on one chain (as `jobs.prune`), and a failing sweep still runs again.
 */
export function sweepTask(deps: SweepDeps): TaskHandler<'redistribution.sweep'> {
  return async () => {
    await deps.enqueue([nextSweepJob(deps.clock.now(), deps.everyMinutes)])
    await deps.redistribution.sweep()
  }
}

/**
 * `redistribution.offer`: one lead offered again. Idempotent enough for at-least-once: the
 * attempt is claimed by a conditional upsert (a rerun past the limit does nothing) and the sales
 * unique index keeps one buyer from getting the lead twice.
 */
export function offerTask(
  redistribution: Pick<Redistribution, 'offer'>,
): TaskHandler<'redistribution.offer'> {
  return async (payload) => {
    await redistribution.offer(payload.leadId, payload.ruleId)
  }
}
