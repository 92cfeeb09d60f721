import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import { coerceError } from '../core/errors.js'
import type { Clock } from '../core/ports.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { claimJobs, completeJob, failJob, requeueAbandonedJobs } from '../storage/job-store.js'
import type { Job } from '../storage/schema.js'
import { DEFAULT_RETRY_SCHEDULE_MS, nextRetryDelayMs } from './retry-schedule.js'

/** A task handler. It must be idempotent: a job can run again after a crash (at-least-once). */
export type TaskHandler = (payload: any, job: Job) => Promise<void>

/** A thrown error with `retryAt` decides its own next run (e.g. a buyer's Retry-After). */
export interface RetryHint {
  retryAt?: Date
}

export interface WorkerOptions {
  concurrency: number
  pollIntervalMs?: number
  leaseMs?: number
  retryScheduleMs?: readonly number[]
}

/**
 * Claims due jobs and runs their handlers, `concurrency` at a time. Poll-based, woken early by
 * `nudge()` after a local enqueue so an async post starts within milliseconds.
 */
export class Worker {
  readonly id = `worker-${process.pid}-${randomBytes(3).toString('hex')}`
  private readonly handlers = new Map<string, TaskHandler>()
  private running = 0
  private stopped = true
  private timer: NodeJS.Timeout | undefined
  private polling = false
  private idle: Array<() => void> = []

  constructor(
    private readonly dialect: StorageDialect,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: WorkerOptions,
  ) {}

  register(task: string, handler: TaskHandler): this {
    this.handlers.set(task, handler)
    return this
  }

  async start(): Promise<void> {
    const requeued = await requeueAbandonedJobs(this.dialect)
    if (requeued > 0) this.log.warn({ requeued }, 'requeued jobs abandoned by a previous process')
    this.stopped = false
    this.nudge()
  }

  /** Ask for a poll soon (after an enqueue in this process). */
  nudge(): void {
    if (this.stopped || this.polling) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.poll(), 0)
  }

  /** Stop claiming; resolve when jobs in flight have finished. */
  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    if (this.running === 0 && !this.polling) return
    await new Promise<void>((resolve) => this.idle.push(resolve))
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
    const tasks = [...this.handlers.keys()]
    return claimJobs(this.dialect, this.id, limit, this.clock.now(), this.options.leaseMs ?? 300_000, tasks)
  }

  private async poll(): Promise<void> {
    if (this.stopped) return this.settle()
    this.polling = true
    let claimed: Job[] = []
    try {
      claimed = await this.claim(this.options.concurrency - this.running)
    } catch (error) {
      this.log.error({ err: coerceError(error) }, 'job claim failed')
    }
    this.polling = false
    for (const job of claimed) void this.run(job).then(() => this.nudge())
    if (this.stopped) return this.settle()
    const full = claimed.length > 0 && this.running >= this.options.concurrency
    if (!full) this.timer = setTimeout(() => void this.poll(), this.options.pollIntervalMs ?? 250)
  }

  private async run(job: Job): Promise<void> {
    this.running++
    try {
      const handler = this.handlers.get(job.task)
      if (!handler) throw new Error(`No handler for task "${job.task}"`)
      await handler(JSON.parse(job.payload_json), job)
      await completeJob(this.dialect.db, job, this.clock.now())
    } catch (thrown) {
      await this.fail(job, coerceError(thrown))
    } finally {
      this.running--
      this.settle()
    }
  }

  private async fail(job: Job, error: Error): Promise<void> {
    const now = this.clock.now()
    const hinted = (error as RetryHint).retryAt
    const delay = nextRetryDelayMs(
      this.options.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS,
      job.attempts,
      job.max_attempts,
    )
    const next = delay === null ? null : (hinted ?? new Date(now.getTime() + delay))
    this.log.warn({ job: job.id, task: job.task, attempt: job.attempts, err: error }, 'job failed')
    try {
      await failJob(this.dialect.db, job, error, next, now)
    } catch (e) {
      this.log.error({ err: coerceError(e), job: job.id }, 'could not record job failure')
    }
  }

  private settle(): void {
    if (this.running > 0 || this.polling || !this.stopped) return
    for (const resolve of this.idle.splice(0)) resolve()
  }
}
