import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import { JOB_RETRY_SCHEDULE, type RetrySchedule, retryDelayMs } from '../core/delivery/retry-schedule.js'
import { coerceError } from '../core/errors.js'
import type { JobPayloads } from '../core/jobs/job-payloads.js'
import type { ClaimedJob as Job, JobQueue } from '../core/jobs/job-queue.js'
import type { Clock, JobSpec } from '../core/ports.js'
import type { TaskHandlers } from './task-handlers.js'

/**
 * A thrown error with `retryAfterMs` (a receiver's `Retry-After`, src/outbound/attempt.ts) sets
 * its own next run: the worker's retry schedule clamps it to its bounds and adds jitter.
 */
export interface RetryHint {
  retryAfterMs?: number | null
}

/** The default lease of a claimed job (LEADFLOW_JOB_LEASE_MS; docs/reliability.md, "Leases"). */
export const DEFAULT_LEASE_MS = 30_000

export interface WorkerOptions {
  concurrency: number
  pollIntervalMs?: number
  /** How long a claim holds without renewal (default 30 s); renewed every third of it while the job runs. */
  leaseMs?: number
  /** The retry delays (defaults to JOB_RETRY_SCHEDULE's); jitter and Retry-After bounds stay. */
  retryScheduleMs?: readonly number[]
  /** Most completions written by one statement (default 32); a full batch is written at once. */
  completionBatch?: number
  /** Most posts `caughtUp` admits ahead of the next claim (default twice `concurrency`). */
  admitAhead?: number
}

interface PendingCompletion {
  job: Job
  done: () => void
  failed: (error: unknown) => void
}

/**
 * Claims due jobs and runs their handlers, `concurrency` at a time. Poll-based, woken early by
 * `nudge()` after a local enqueue and by the queue's notifications of another node's enqueue
 * (PostgreSQL LISTEN/NOTIFY), so an async post starts within milliseconds on any idle node. `P` is the task
 * registry (src/core/jobs/job-payloads.ts); tests bring their own.
 */
export class Worker<P extends object = JobPayloads> {
  readonly id = `worker-${process.pid}-${randomBytes(3).toString('hex')}`
  private handlers: Partial<TaskHandlers<P>> = {}
  private startJobs: (now: Date) => readonly JobSpec<P>[] = () => []
  private readonly schedule: RetrySchedule
  private running = 0
  private stopped = true
  private timer: NodeJS.Timeout | undefined
  private polling = false
  private idle: Array<() => void> = []
  private readonly held = new Set<number>()
  private heartbeat: NodeJS.Timeout | undefined
  /** A nudge arrived while a claim was under way: the claim may predate the new job, so claim again. */
  private nudgedWhilePolling = false
  private unsubscribe: (() => Promise<void>) | undefined
  /** The last claim got all it asked for: more jobs are probably due (see `nudge`). */
  private backlog = false
  /** Finished jobs whose completion is not written yet (see `completeSoon`). */
  private pending: PendingCompletion[] = []
  private flushScheduled = false
  /** How long the jobs of the last claim had waited past their run_at (see `caughtUp`). */
  private lagMs = 0
  /** Posts `caughtUp` may still admit before the next claim adds room (see there). */
  private room: number
  private lagWaiters: Array<{ maxLagMs: number; resolve: () => void }> = []

  constructor(
    private readonly queue: JobQueue<P>,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: WorkerOptions,
  ) {
    const delaysMs = options.retryScheduleMs ?? JOB_RETRY_SCHEDULE.delaysMs
    this.schedule = { ...JOB_RETRY_SCHEDULE, delaysMs }
    this.room = this.admitAhead
  }

  private get admitAhead(): number {
    return Math.max(1, this.options.admitAhead ?? this.options.concurrency * 2)
  }

  /** Sets the handler of every task at once: a task of `P` without one does not compile. */
  handle(handlers: TaskHandlers<P>): this {
    this.handlers = handlers
    return this
  }

  /** Jobs enqueued at every start; keyed ones (e.g. the next `jobs.prune`) stay one across nodes. */
  onStart(jobs: (now: Date) => readonly JobSpec<P>[]): this {
    this.startJobs = jobs
    return this
  }

  async start(): Promise<void> {
    const requeued = await this.queue.requeueAbandoned()
    if (requeued > 0) this.log.warn({ requeued }, 'requeued jobs abandoned by a previous process')
    const now = this.clock.now()
    await this.queue.enqueue(this.startJobs(now), now)
    this.stopped = false
    this.startHeartbeat()
    this.unsubscribe = this.queue.onQueued(
      () => this.nudge(),
      (error) => this.log.warn({ err: error }, 'job notifications interrupted; polling until they resume'),
    )
    this.nudge()
  }

  private get claimBatch(): number {
    return Math.max(1, Math.floor(this.options.concurrency / 4))
  }

  private get leaseMs(): number {
    return this.options.leaseMs ?? DEFAULT_LEASE_MS
  }

  /** Renews the lease of every job this worker runs, every third of the lease (job-store extendLeases). */
  private startHeartbeat(): void {
    clearInterval(this.heartbeat)
    this.heartbeat = setInterval(() => void this.renewLeases(), Math.max(this.leaseMs / 3, 100))
    this.heartbeat.unref()
  }

  private async renewLeases(): Promise<void> {
    if (this.held.size === 0) return
    const ids = [...this.held]
    try {
      const renewed = await this.queue.extend(this.id, ids, this.clock.now())
      if (renewed < ids.length)
        this.log.warn({ held: ids.length, renewed }, 'job lease lost to another worker')
    } catch (error) {
      this.log.error({ err: coerceError(error) }, 'job lease renewal failed')
    }
  }

  /** Ask for a poll soon (after an enqueue in this process, or a notification from another). */
  nudge(): void {
    if (this.stopped) return
    // With a backlog, claim a few slots at a time instead of one per finished job: a claim's cost
    // grows with the number of due rows (it sorts them by run_at), not with its limit. Completions
    // keep nudging, so the claim comes when a quarter of the slots are free.
    if (this.backlog && this.options.concurrency - this.running < this.claimBatch) return
    if (this.polling) {
      this.nudgedWhilePolling = true
      return
    }
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.poll(), 0)
  }

  /**
   * Backpressure for work that feeds the queue (async intake, src/core/intake/queue-post.ts):
   * admits a caller once the queue keeps up — the jobs of the last claim waited at most `maxLagMs`
   * past their run_at (or the claim found the queue empty) — and there is room: one admission per
   * job a claim took while the queue was backlogged, up to `admitAhead` once a claim found it dry.
   * So under sustained load posts come in at the pace jobs leave, instead of at full speed for as
   * long as the last claim looked caught up (which let the queue swing between empty and seconds
   * long: the lag of a claim is news of jobs queued that long ago). Callers are admitted in the
   * order they came; each waits at most `maxWaitMs`, and is admitted then whatever happens. The lag
   * is read from the shared table, so on PostgreSQL every node sees the queue all nodes feed, and
   * each node admits at the pace its own worker claims. A stopped worker holds nobody back. Why:
   * one process accepts an async post in less CPU than its jobs then take (docs/performance.md,
   * rounds 4 and 6), so under sustained load an unthrottled intake grows the queue without bound
   * while sellers are told their leads are on their way.
   */
  caughtUp(maxLagMs: number, maxWaitMs: number): Promise<void> {
    if (this.stopped || maxWaitMs <= 0) return Promise.resolve()
    if (this.lagWaiters.length === 0 && this.lagMs <= maxLagMs && this.room > 0) {
      this.room--
      return Promise.resolve()
    }
    return new Promise<void>((resolve) => {
      const waiter: { maxLagMs: number; resolve: () => void } = { maxLagMs, resolve }
      const timer = setTimeout(() => release(), maxWaitMs)
      const release = () => {
        clearTimeout(timer)
        this.lagWaiters = this.lagWaiters.filter((w) => w !== waiter)
        resolve()
      }
      waiter.resolve = release
      this.lagWaiters.push(waiter)
    })
  }

  /**
   * The queue's lag as of this claim (the longest wait past run_at among the claimed jobs), and the
   * room it gives: one post per claimed job, or `admitAhead` when the claim took fewer than it
   * asked for (no more jobs were due). Waiting callers take the room first, in order.
   */
  private noteLag(claimed: readonly Job[], limit: number): void {
    const now = this.clock.now().getTime()
    let lag = 0
    for (const job of claimed) lag = Math.max(lag, now - Date.parse(job.run_at))
    this.lagMs = lag
    this.room =
      claimed.length < limit ? this.admitAhead : Math.min(this.admitAhead, this.room + claimed.length)
    while (this.room > 0 && this.lagWaiters.length > 0 && lag <= this.lagWaiters[0]!.maxLagMs) {
      this.room--
      this.lagWaiters[0]!.resolve()
    }
  }

  /** Stop claiming; resolve when jobs in flight have finished. */
  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    for (const waiter of this.lagWaiters.slice()) waiter.resolve()
    await this.unsubscribe?.()
    this.unsubscribe = undefined
    // Jobs still running keep renewing their leases until they finish.
    if (this.running > 0 || this.polling) await new Promise<void>((resolve) => this.idle.push(resolve))
    clearInterval(this.heartbeat)
  }

  /** Run until no job is due (tests and the CLI use this instead of the timer). */
  async drain(): Promise<void> {
    for (;;) {
      const claimed = await this.claim(this.options.concurrency)
      if (claimed.length === 0 && this.running === 0) return
      await Promise.all(claimed.map((job) => this.run(job)))
    }
  }

  private async claim(limit: number): Promise<Job[]> {
    if (limit <= 0) return []
    const tasks = Object.keys(this.handlers)
    return this.queue.claim(this.id, limit, this.clock.now(), this.leaseMs, tasks)
  }

  private async poll(): Promise<void> {
    if (this.stopped) return this.settle()
    this.polling = true
    this.nudgedWhilePolling = false
    let claimed: Job[] = []
    try {
      const limit = this.options.concurrency - this.running
      claimed = await this.claim(limit)
      this.backlog = limit > 0 && claimed.length === limit
      if (limit > 0) this.noteLag(claimed, limit)
    } catch (error) {
      this.log.error({ err: coerceError(error) }, 'job claim failed')
    }
    this.polling = false
    for (const job of claimed) void this.run(job).then(() => this.nudge())
    if (this.stopped) return this.settle()
    const full = claimed.length > 0 && this.running >= this.options.concurrency
    if (full) return
    const wait = this.nudgedWhilePolling ? 0 : (this.options.pollIntervalMs ?? 250)
    this.timer = setTimeout(() => void this.poll(), wait)
  }

  private async run(job: Job): Promise<void> {
    this.running++
    try {
      await this.runInSlot(job)
    } finally {
      this.running--
      this.settle()
    }
  }

  /**
   * One job in a slot this worker already counts, then its follow-ups in the same slot. Follow-ups
   * (JobResult.next): a handler names jobs it stored that are due now — the returnurl callback of
   * a lead `intake.process` just finished — and they are claimed by key and run here at once,
   * instead of waiting behind every job queued before them (docs/performance.md, round 6). They
   * are ordinary jobs, stored in the handler's own transaction: the claim skips any another
   * worker took first, and one not claimed here (a failed claim, a stopping worker, a crash) is
   * taken by a regular claim, so nothing is lost or run twice by this. `stop()` waits for them as
   * for the job that named them (they hold its slot).
   */
  private async runInSlot(job: Job): Promise<void> {
    this.held.add(job.id)
    let next: Promise<Job[]> = Promise.resolve([])
    try {
      const handler = this.handlers[job.task as keyof P & string]
      if (!handler) throw new Error(`No handler for task "${job.task}"`)
      // The payload was typed when it was enqueued (JobSpec<P>); the row holds its JSON.
      const result = await handler(JSON.parse(job.payload_json), job)
      // Asked in the same loop turn as the completion, so on SQLite both share one commit.
      next = this.claimFollowUps(result?.next ?? [])
      await this.completeSoon(job)
    } catch (thrown) {
      await this.fail(job, coerceError(thrown))
    } finally {
      this.held.delete(job.id)
    }
    const followUps = await next
    for (const followUp of followUps) this.held.add(followUp.id)
    for (const followUp of followUps) await this.runInSlot(followUp)
  }

  /** Claims the named follow-ups still queued; on failure they stay queued for a regular claim. */
  private async claimFollowUps(keys: readonly string[]): Promise<Job[]> {
    if (keys.length === 0) return []
    try {
      return await this.queue.claimKeyed(this.id, keys, this.clock.now(), Object.keys(this.handlers))
    } catch (error) {
      this.log.warn({ err: coerceError(error), keys }, 'follow-up claim failed; left to a regular claim')
      return []
    }
  }

  /**
   * Completions: a finished job's `done` is written together with the other jobs that finished in
   * the same turn of the event loop (one `UPDATE … WHERE id IN (…) AND locked_by = ?`), at the
   * next `setImmediate` or as soon as `completionBatch` are waiting, so none waits for more than
   * one loop turn. The job stays held (its lease renewed) until its batch is written, and `run`
   * waits for it, so `stop()` and `drain()` still return only after every completion is stored. A
   * crash before the write leaves the job running under its lease: it runs again, as a crash
   * after the handler always could (tasks are idempotent, docs/reliability.md). A failed write
   * fails every job of the batch the way a failed single completion did (retried, idempotent).
   */
  private completeSoon(job: Job): Promise<void> {
    return new Promise<void>((done, failed) => {
      this.pending.push({ job, done, failed })
      if (this.pending.length >= (this.options.completionBatch ?? 32)) this.flushCompletions()
      else if (!this.flushScheduled) {
        this.flushScheduled = true
        setImmediate(() => this.flushCompletions())
      }
    })
  }

  private flushCompletions(): void {
    this.flushScheduled = false
    const batch = this.pending.splice(0)
    if (batch.length === 0) return
    this.queue
      .complete(
        batch.map((p) => p.job),
        this.clock.now(),
      )
      .then(
        () => {
          for (const p of batch) p.done()
        },
        (error: unknown) => {
          for (const p of batch) p.failed(error)
        },
      )
  }

  /** The next run after a failure, or null after the last attempt. */
  private nextRunAt(job: Job, error: Error, now: Date): Date | null {
    if (job.attempts >= job.max_attempts || this.schedule.delaysMs.length === 0) return null
    const hinted = (error as RetryHint).retryAfterMs ?? null
    return new Date(now.getTime() + retryDelayMs(this.schedule, job.attempts, hinted))
  }

  private async fail(job: Job, error: Error): Promise<void> {
    const now = this.clock.now()
    const next = this.nextRunAt(job, error, now)
    this.log.warn({ job: job.id, task: job.task, attempt: job.attempts, err: error }, 'job failed')
    try {
      await this.queue.fail(job, error, next, now)
    } catch (e) {
      this.log.error({ err: coerceError(e), job: job.id }, 'could not record job failure')
    }
  }

  private settle(): void {
    if (this.running > 0 || this.polling || !this.stopped) return
    for (const resolve of this.idle.splice(0)) resolve()
  }
}
