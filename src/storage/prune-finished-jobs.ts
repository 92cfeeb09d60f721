import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/** Rows deleted by one statement: short enough that SQLite's single writer is not held long. */
export const PRUNE_BATCH = 5_000

/**
 * Deletes up to PRUNE_BATCH jobs that finished — `done`, or `failed` after their last attempt —
 * before `finishedBefore`; returns how many. The jobs.prune task repeats it until none is left.
 *
 * Why it is safe under concurrency: finished rows are never touched again (claimJobs takes only
 * `queued` and stale `running` rows; completeJob and failJob update by id and `locked_by` of a
 * running job), and completion clears `key`, so deleting one frees no live key. A batch rather
 * than one unbounded DELETE keeps each transaction short: on SQLite the delete blocks every other
 * writer (intake) for its duration; on PostgreSQL it bounds the locks held. The `jobs_claim`
 * index (status, run_at) narrows the scan to finished rows. Runs the same on both databases.
 */
export async function pruneFinishedJobs(db: Kysely<Database>, finishedBefore: Date): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs as finished')
        .select('finished.id')
        .where('finished.status', 'in', ['done', 'failed'])
        .where('finished.finished_at', '<', finishedBefore.toISOString())
        .limit(PRUNE_BATCH),
    )
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
