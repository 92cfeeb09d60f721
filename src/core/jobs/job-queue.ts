import type { JobPayloads } from './job-payloads.js'
import type { JobSpec } from './job-spec.js'

/** A claimed job as the worker and handlers see it (one row of the job table). */
export interface ClaimedJob {
  readonly id: number
  readonly task: string
  /** The payload as enqueued (JobSpec<P>), JSON-encoded. */
  readonly payload_json: string
  /** Attempts so far, this one included. */
  readonly attempts: number
  readonly max_attempts: number
  readonly run_at: string
  readonly locked_by: string | null
  readonly key: string | null
}

/**
 * What a handler may return: `next` names, by key, jobs it just stored that are due at once and
 * that this worker should run straight after it, in the same slot, instead of behind the whole
 * queue (the returnurl callback after `intake.process`; src/jobs/worker.ts, "Follow-ups").
 */
export interface JobResult {
  readonly next?: readonly string[]
}

/**
 * The job table as the worker uses it. src/storage/job-store.ts implements it; each method is
 * one statement whose comment there says how it stays correct with several workers and nodes.
 */
export interface JobQueue<P extends object = JobPayloads> {
  enqueue(jobs: readonly JobSpec<P>[], now: Date): Promise<void>
  claim(
    workerId: string,
    limit: number,
    now: Date,
    leaseMs: number,
    tasks: readonly string[],
  ): Promise<ClaimedJob[]>
  /**
   * Claims, for `workerId`, the jobs among `keys` that are still queued and due: a job another
   * worker took first is not claimed twice. Only tasks this worker handles (`tasks`).
   */
  claimKeyed(
    workerId: string,
    keys: readonly string[],
    now: Date,
    tasks: readonly string[],
  ): Promise<ClaimedJob[]>
  /**
   * Renews the lease of jobs this worker still holds (locked_at = now); returns how many it still
   * held. A job another worker took over after a lapsed lease is not renewed.
   */
  extend(workerId: string, jobIds: readonly number[], now: Date): Promise<number>
  /**
   * Marks finished jobs done, in one statement per batch; each row only while its `locked_by` is
   * still the job's (a job another worker re-claimed is left alone). Returns how many it marked.
   */
  complete(jobs: readonly ClaimedJob[], now: Date): Promise<number>
  /** Back to the queue at `nextRunAt`, or failed for good when null. */
  fail(job: ClaimedJob, error: Error, nextRunAt: Date | null, now: Date): Promise<void>
  /** Re-queues jobs a crashed process left running, where only one process uses the database. */
  requeueAbandoned(): Promise<number>
  /**
   * Calls `listener` soon after another process (or node) commits a job, so an idle worker need
   * not wait for its poll; `onError` hears a dropped subscription, which recovers by itself.
   * Returns the unsubscribe. Where one process owns the database it never calls (local nudges).
   */
  onQueued(listener: () => void, onError: (error: Error) => void): () => Promise<void>
}
