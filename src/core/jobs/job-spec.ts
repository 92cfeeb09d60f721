import type { JobPayloads } from './job-payloads.js'

export interface EnqueueOptions {
  /** When to run; defaults to now. */
  runAt?: Date
  maxAttempts?: number
  /** One live job per key: a second enqueue with the same key is ignored. */
  key?: string
}

/**
 * A job to enqueue: a union with one member per task of `P`, so an unknown task name or a
 * payload of the wrong shape does not compile. `P` is the app's registry unless a test brings
 * its own.
 */
export type JobSpec<P extends object = JobPayloads> = {
  [K in keyof P & string]: { task: K; payload: P[K]; options?: EnqueueOptions }
}[keyof P & string]
