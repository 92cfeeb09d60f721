import { type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import type { JobPayloads } from '../core/jobs/job-payloads.js'
import type { ClaimedJob, JobQueue } from '../core/jobs/job-queue.js'
import type { JobSpec } from '../core/ports.js'
import type { StorageDialect } from './dialects/dialect.js'
import { JOBS_CHANNEL } from './migrations/011-job-notify.js'
import type { Database, Job } from './schema.js'

/**
 * The job table is the transactional outbox: callers pass their own transaction to `enqueueJobs`,
 * so the job commits with the state it serves or not at all.
 */
export async function enqueueJobs<P extends object = JobPayloads>(
  db: Kysely<Database>,
  jobs: readonly JobSpec<P>[],
  now: Date,
): Promise<void> {
  if (jobs.length === 0) return
  const created = now.toISOString()
  const rows = jobs.map((j) => ({
    task: j.task,
    payload_json: JSON.stringify(j.payload ?? {}),
    status: 'queued',
    run_at: (j.options?.runAt ?? now).toISOString(),
    attempts: 0,
    max_attempts: j.options?.maxAttempts ?? 10,
    key: j.options?.key ?? null,
    created_at: created,
  }))
  // A keyed job already present (a retry of the same request) is not an error: ignore it.
  await db
    .insertInto('jobs')
    .values(rows)
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
}

/**
 * Claims up to `limit` due jobs for `workerId`: first `running` jobs whose lease lapsed, then
 * `queued` jobs due now, oldest `run_at` first.
 *
 * Concurrency: on PostgreSQL each pick takes `FOR UPDATE SKIP LOCKED`, so workers on any number
 * of nodes claim disjoint rows without waiting on each other (graphile-worker's getJobs). On
 * SQLite there is one writer at a time, so each UPDATE … WHERE id IN (SELECT …) is atomic; both
 * picks run in one unit of `writes` (one transaction; on SQLite a savepoint of the shared group
 * commit, src/storage/group-commit.ts). A `running` job whose lock is older than `leaseMs`
 * belonged to a worker that died (a live worker renews it, `extendLeases`); it is claimed again,
 * which is why every task must be idempotent (at-least-once, docs/reliability.md).
 *
 * Why two picks instead of one `(queued AND due) OR (running AND stale)`: SQLite answered the OR
 * with a MULTI-INDEX OR over `jobs_claim` and a temporary B-tree for `ORDER BY run_at`, so every
 * claim gathered and sorted the whole due backlog whatever its limit — 1.3–2.9 ms per claim under
 * bench scenario 4 (docs/performance.md, rounds 3 and 4). Each pick alone is a range scan of
 * `jobs_claim (status, run_at)` in index order that stops at its limit; the stale pick scans only
 * the running rows (at most the workers' concurrency). Measured: 0.17 ms per pick.
 */
export async function claimJobs(
  dialect: StorageDialect,
  workerId: string,
  limit: number,
  now: Date,
  leaseMs: number,
  tasks?: readonly string[],
): Promise<Job[]> {
  const nowIso = now.toISOString()
  const staleIso = new Date(now.getTime() - leaseMs).toISOString()
  const claim = { dialect, workerId, nowIso, tasks }
  return dialect.writes.run(async (trx) => {
    const stale = await claimPicked(trx, claim, limit, (q) =>
      q.where('status', '=', 'running').where('locked_at', '<', staleIso),
    )
    if (stale.length >= limit) return stale
    const queued = await claimPicked(trx, claim, limit - stale.length, (q) =>
      q.where('status', '=', 'queued').where('run_at', '<=', nowIso),
    )
    return [...stale, ...queued]
  })
}

interface Claim {
  dialect: StorageDialect
  workerId: string
  nowIso: string
  tasks?: readonly string[]
}

type JobPick = SelectQueryBuilder<Database, 'jobs', { id: number }>

async function claimPicked(
  db: Kysely<Database>,
  claim: Claim,
  limit: number,
  where: (pick: JobPick) => JobPick,
): Promise<Job[]> {
  let due = where(db.selectFrom('jobs').select('id')).orderBy('run_at').limit(limit)
  if (claim.tasks && claim.tasks.length > 0) due = due.where('task', 'in', claim.tasks)
  // The pick is a CTE so it runs exactly once: PostgreSQL may plan `id IN (SELECT … SKIP LOCKED)`
  // as a semi join that re-runs the locking subquery per outer row (seen in the call queue,
  // src/storage/take-next-call.ts); a CTE with a locking clause is never inlined.
  return db
    .with('due', () => claim.dialect.lockSkipLocked(due))
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      locked_by: claim.workerId,
      locked_at: claim.nowIso,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) => eb.selectFrom('due').select('due.id'))
    .returningAll()
    .execute()
}

/**
 * Claims the jobs named by `keys` while they are still `queued` and due: the worker's follow-ups
 * (src/jobs/worker.ts), run by the worker that stored them instead of waiting for a general
 * claim. The `status = 'queued'` condition is the guard: a job another worker (or node) already
 * claimed is skipped. On PostgreSQL an UPDATE that meets a row another claim holds locked waits for
 * that claim's commit and then re-checks the condition, so the job is never claimed twice; on
 * SQLite the statement is atomic. One indexed lookup per key (`jobs.key` is unique).
 */
export async function claimKeyedJobs(
  dialect: StorageDialect,
  workerId: string,
  keys: readonly string[],
  now: Date,
  tasks: readonly string[],
): Promise<Job[]> {
  if (keys.length === 0 || tasks.length === 0) return []
  const nowIso = now.toISOString()
  return dialect.writes.run((trx) =>
    trx
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: workerId,
        locked_at: nowIso,
        attempts: eb('attempts', '+', 1),
      }))
      .where('key', 'in', keys)
      .where('status', '=', 'queued')
      .where('run_at', '<=', nowIso)
      .where('task', 'in', tasks)
      .returningAll()
      .execute(),
  )
}

/**
 * The heartbeat: a running job's worker moves its `locked_at` forward every third of the lease, so
 * the lease can be short (LEADFLOW_JOB_LEASE_MS, 30 s) and a dead node's jobs are taken over
 * quickly, while a live node's long job (a slow buyer, a waterfall) is never claimed a second time.
 * Conditional on `locked_by`: once another worker has claimed a lapsed job, the old one cannot
 * take it back (its complete/fail are conditional the same way).
 */
export async function extendLeases(
  db: Kysely<Database>,
  workerId: string,
  jobIds: readonly number[],
  now: Date,
): Promise<number> {
  if (jobIds.length === 0) return 0
  const result = await db
    .updateTable('jobs')
    .set({ locked_at: now.toISOString() })
    .where('id', 'in', jobIds)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function completeJob(db: Kysely<Database>, job: ClaimedJob, now: Date): Promise<void> {
  await completeJobs(db, [job], now)
}

/**
 * Marks finished jobs done in one statement per claiming worker: `id IN (…) AND locked_by = ?`.
 * The guard stays per row: a row whose lease lapsed and that another worker re-claimed has
 * another `locked_by` and is left alone, while the rest of the batch completes (the worker
 * batches its completions, src/jobs/worker.ts, "Completions"). Returns how many rows it marked.
 */
export async function completeJobs(
  db: Kysely<Database>,
  jobs: readonly ClaimedJob[],
  now: Date,
): Promise<number> {
  const byWorker = new Map<string | null, number[]>()
  for (const job of jobs) {
    const ids = byWorker.get(job.locked_by)
    if (ids) ids.push(job.id)
    else byWorker.set(job.locked_by, [job.id])
  }
  let completed = 0
  for (const [lockedBy, ids] of byWorker) {
    // A claimed job always has its worker's id; a null one could match no row (`= NULL`).
    if (lockedBy === null) continue
    const result = await db
      .updateTable('jobs')
      .set({ status: 'done', finished_at: now.toISOString(), locked_by: null, last_error: null, key: null })
      .where('id', 'in', ids)
      .where('locked_by', '=', lockedBy)
      .executeTakeFirst()
    completed += Number(result.numUpdatedRows)
  }
  return completed
}

/** Puts a failed job back with its next run time, or marks it failed after its last attempt. */
export async function failJob(
  db: Kysely<Database>,
  job: ClaimedJob,
  error: Error,
  nextRunAt: Date | null,
  now: Date,
) {
  const message = `${error.name}: ${error.message}`.slice(0, 2000)
  const final = nextRunAt === null || job.attempts >= job.max_attempts
  await db
    .updateTable('jobs')
    .set({
      status: final ? 'failed' : 'queued',
      run_at: final ? job.run_at : nextRunAt.toISOString(),
      last_error: message,
      locked_by: null,
      locked_at: null,
      finished_at: final ? now.toISOString() : null,
      key: final ? null : job.key,
    })
    .where('id', '=', job.id)
    .where('locked_by', '=', job.locked_by)
    .execute()
}

/**
 * On a single-process database every `running` job at start-up was abandoned by a crash:
 * queue them again at once instead of waiting for the lease to run out.
 */
export async function requeueAbandonedJobs(dialect: StorageDialect): Promise<number> {
  if (!dialect.singleProcess) return 0
  const result = await dialect.db
    .updateTable('jobs')
    .set({ status: 'queued', locked_by: null, locked_at: null })
    .where('status', '=', 'running')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** The job queue port (src/core/jobs/job-queue.ts) over this database. */
export function createJobQueue<P extends object = JobPayloads>(dialect: StorageDialect): JobQueue<P> {
  return {
    enqueue: (jobs, now) => enqueueJobs<P>(dialect.db, jobs, now),
    claim: (workerId, limit, now, leaseMs, tasks) => claimJobs(dialect, workerId, limit, now, leaseMs, tasks),
    claimKeyed: (workerId, keys, now, tasks) => claimKeyedJobs(dialect, workerId, keys, now, tasks),
    extend: (workerId, jobIds, now) => extendLeases(dialect.db, workerId, jobIds, now),
    // Completions and failures are units of `writes`: on SQLite they share the commit of whatever
    // else is written in the same loop turn (a job's sale, the next posts) instead of their own.
    complete: (jobs, now) => dialect.writes.run((trx) => completeJobs(trx, jobs, now)),
    fail: (job, error, next, now) => dialect.writes.run((trx) => failJob(trx, job, error, next, now)),
    requeueAbandoned: () => requeueAbandonedJobs(dialect),
    onQueued: (listener, onError) => {
      const listening = dialect.listen(JOBS_CHANNEL, listener, onError)
      return () => listening.close()
    },
  }
}

export async function countJobs(db: Kysely<Database>, status: string): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select(sql<number>`count(*)`.as('n'))
    .where('status', '=', status)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
