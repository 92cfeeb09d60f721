import type { JobPayloads } from '../core/jobs/job-payloads.js'
import type { Clock, JobSpec } from '../core/ports.js'
import type { TaskHandler } from './task-handlers.js'

/** How often finished jobs are pruned. */
export const PRUNE_EVERY_MS = 3_600_000

export interface PruneJobsDeps {
  clock: Clock
  /** How long a finished job is kept (LEADFLOW_JOB_RETENTION_HOURS). */
  retentionMs: number
  /** Deletes one batch of jobs finished before the date; returns how many (0 when none left). */
  pruneFinishedJobs(finishedBefore: Date): Promise<number>
  enqueue(jobs: readonly JobSpec[]): Promise<void>
  /** Deletes Idempotency-Key answers past their retention (src/storage/idempotency-store.ts). */
  pruneIdempotencyKeys?(now: Date): Promise<number>
}

/**
 * The next `jobs.prune` run: at the next whole period after `now`, keyed by that instant. Every
 * node enqueues it at start and every run enqueues its successor, yet the key leaves one live
 * job per period across all nodes (jobs_key is unique), so the chain never forks or breaks.
 */
export function nextPruneJob(now: Date): JobSpec<Pick<JobPayloads, 'jobs.prune'>> {
  const slot = new Date((Math.floor(now.getTime() / PRUNE_EVERY_MS) + 1) * PRUNE_EVERY_MS)
  return {
    task: 'jobs.prune',
    payload: {},
    options: { runAt: slot, key: `jobs.prune:${slot.toISOString()}` },
  }
}

/**
 * `jobs.prune`: deletes finished jobs older than the retention, so the jobs table (the outbox)
 * does not grow without end. The successor is enqueued first, so a failing prune still runs again.
 */
export function pruneJobsTask(deps: PruneJobsDeps): TaskHandler<'jobs.prune'> {
  return async () => {
    const now = deps.clock.now()
    await deps.enqueue([nextPruneJob(now)])
    const cutoff = new Date(now.getTime() - deps.retentionMs)
    while ((await deps.pruneFinishedJobs(cutoff)) > 0) {}
    await deps.pruneIdempotencyKeys?.(now)
  }
}
