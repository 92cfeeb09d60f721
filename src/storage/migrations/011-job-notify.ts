import type { Kysely } from 'kysely'
import type { StorageDialect } from '../dialects/dialect.js'

/** The channel a job insert notifies (src/storage/job-store.ts listens on it). */
export const JOBS_CHANNEL = 'leadflow_jobs'

/**
 * Enqueueing a job wakes idle workers on every node (issue #11, "On PostgreSQL, LISTEN/NOTIFY
 * wakes idle workers"). A trigger rather than a statement in enqueueJobs: every writer of `jobs`
 * (twenty call sites, the CLI, a migration) notifies without a second round trip, and the
 * notification is delivered when the writer's transaction commits, so a woken worker's claim
 * sees the row. SQLite has one process and nudges its own worker.
 */
export async function up(db: Kysely<any>, dialect: StorageDialect): Promise<void> {
  await dialect.notifyOnInsert(db, 'jobs', JOBS_CHANNEL)
}
