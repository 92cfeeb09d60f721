import type { JobPayloads, TaskName } from '../core/jobs/job-payloads.js'
import type { ClaimedJob, JobResult } from '../core/jobs/job-queue.js'

/**
 * One handler per task of `P`: a worker is given the whole object, so a task added to the
 * registry (src/core/jobs/job-payloads.ts) without a handler does not compile. A handler must be
 * idempotent: a job can run again after a crash (at-least-once). It may name follow-up jobs it
 * stored for this worker to run next (JobResult).
 */
export type TaskHandlers<P extends object = JobPayloads> = {
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler without follow-ups is an async function that returns nothing
  [K in keyof P & string]: (payload: P[K], job: ClaimedJob) => Promise<void | JobResult>
}

/** The handler of one task of the app's registry. */
export type TaskHandler<K extends TaskName> = TaskHandlers[K]
