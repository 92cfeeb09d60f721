import type { Config } from '../config.js'
import type { DistributionEngine } from '../core/distribution/create-distributor.js'
import type { IdempotencyStore } from '../core/idempotency/idempotency-store.js'
import type { IntakeDeps } from '../core/intake/intake-deps.js'
import type { Clock, HttpClient } from '../core/ports.js'
import { nextSweepJob } from '../core/redistribution/redistribution.js'
import { nextEvaluateJob } from '../core/webhooks/alert-conditions.js'
import { deliveryRetryTask } from '../jobs/delivery-retry-task.js'
import { feedbackPostbackTask } from '../jobs/feedback-postback-task.js'
import { intakePingTask } from '../jobs/intake-ping-task.js'
import { intakeProcessTask } from '../jobs/intake-process-task.js'
import { nextPruneJob, pruneJobsTask } from '../jobs/prune-jobs-task.js'
import { offerTask, sweepTask } from '../jobs/redistribution-tasks.js'
import {
  alertEmailTask,
  alertsEvaluateTask,
  webhookDeliverTask,
  webhookFanoutTask,
} from '../jobs/webhook-tasks.js'
import type { Worker } from '../jobs/worker.js'
import type { AttemptDeps } from '../outbound/attempt.js'
import { intakeCallbackTask, intakePingCallbackTask } from '../protocols/leadexec/callback-tasks.js'
import { createAlertConditionStore } from '../storage/alert-condition-store.js'
import type { StorageDialect } from '../storage/dialects/dialect.js'
import { insertEvents } from '../storage/event-store.js'
import { enqueueJobs } from '../storage/job-store.js'
import { loadLeadCallback } from '../storage/load-lead-callback.js'
import { pruneFinishedJobs } from '../storage/prune-finished-jobs.js'
import type { LifecycleServices } from './lifecycle-services.js'
import type { NotifyServices } from './notify-services.js'

export interface TaskDeps {
  config: Config
  storage: StorageDialect
  clock: Clock
  http: HttpClient
  intake: IntakeDeps
  distribution: DistributionEngine
  idempotency: IdempotencyStore
  notify: NotifyServices
  lifecycle: LifecycleServices
}

/**
 * Durable work: one handler per job task (src/core/jobs/job-payloads.ts lists them; a task
 * without a handler does not compile), each given only what it uses.
 */
export function registerTasks(worker: Worker, deps: TaskDeps): void {
  const { config, storage, clock, intake } = deps
  const outbound: AttemptDeps = {
    http: deps.http,
    clock,
    // A unit of the dialect's writes: on SQLite an attempt's event shares the group commit.
    recordEvents: (events) => storage.writes.run((trx) => insertEvents(trx, events)),
  }
  const callbacks = {
    ...outbound,
    publicUrl: config.publicUrl,
    loadCallback: (leadId: number) => loadLeadCallback(storage.db, leadId),
    loadPing: (pingId: string) => intake.store.loadPing(pingId),
  }
  const webhooks = { store: deps.notify.store, clock, outbound, disable: deps.notify.disable }
  worker
    .handle({
      'intake.process': intakeProcessTask(intake),
      'intake.callback': intakeCallbackTask(callbacks),
      'intake.ping': intakePingTask(intake),
      'intake.ping-callback': intakePingCallbackTask(callbacks),
      'distribution.delivery-retry': deliveryRetryTask(deps.distribution),
      'feedback.postback': feedbackPostbackTask(outbound),
      'jobs.prune': pruneJobsTask({
        clock,
        retentionMs: config.jobRetentionHours * 3_600_000,
        pruneFinishedJobs: (before) => pruneFinishedJobs(storage.db, before),
        enqueue: (jobs) => enqueueJobs(storage.db, jobs, clock.now()),
        pruneIdempotencyKeys: (now) => deps.idempotency.prune(now),
      }),
      'webhooks.fanout': webhookFanoutTask(webhooks),
      'webhooks.deliver': webhookDeliverTask(webhooks),
      'alerts.evaluate': alertsEvaluateTask({
        clock,
        store: createAlertConditionStore(storage.db),
        enqueue: (jobs) => enqueueJobs(storage.db, jobs, clock.now()),
      }),
      'alerts.email': alertEmailTask({
        mailer: deps.notify.mailer,
        clock,
        recordEvents: outbound.recordEvents,
      }),
      'redistribution.sweep': sweepTask({
        redistribution: deps.lifecycle.redistribution,
        clock,
        everyMinutes: config.redistributionSweepMinutes,
        enqueue: (jobs) => enqueueJobs(storage.db, jobs, clock.now()),
      }),
      'redistribution.offer': offerTask(deps.lifecycle.redistribution),
    })
    .onStart((now) => [nextPruneJob(now), nextEvaluateJob(now)])
    .onStart((now) => [nextPruneJob(now), nextSweepJob(now, config.redistributionSweepMinutes)])
}
