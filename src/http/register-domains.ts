import type { FastifyInstance } from 'fastify'
import { createDistributor } from '../core/distribution/create-distributor.js'
import { createDeliverer } from '../core/distribution/deliverer.js'
import { deliveryRetryTask } from '../jobs/delivery-retry-task.js'
import { feedbackPostbackTask } from '../jobs/feedback-postback-task.js'
import { intakePingTask } from '../jobs/intake-ping-task.js'
import { intakeProcessTask } from '../jobs/intake-process-task.js'
import { nextPruneJob, pruneJobsTask } from '../jobs/prune-jobs-task.js'
import type { AttemptDeps } from '../outbound/attempt.js'
import { cakeRoutes } from '../protocols/cake/cake-routes.js'
import { comunik8Routes } from '../protocols/comunik8/comunik8-routes.js'
import { leadconduitRoutes } from '../protocols/leadconduit/feedback-routes.js'
import { intakeCallbackTask, intakePingCallbackTask } from '../protocols/leadexec/callback-tasks.js'
import { leadexecPlugin } from '../protocols/leadexec/leadexec-plugin.js'
import { diallerRoutes } from '../protocols/native/dialler-routes.js'
import { distributionRoutes } from '../protocols/native/distribution-routes.js'
import { nativePlugin } from '../protocols/native/native-plugin.js'
import { privacyRoutes } from '../protocols/native/privacy-routes.js'
import { reasonsRoutes } from '../protocols/native/reasons-routes.js'
import { returnsRoutes } from '../protocols/native/returns-routes.js'
import { suppressionRoutes } from '../protocols/native/suppression-routes.js'
import { sandboxRoutes } from '../protocols/sandbox/sandbox-routes.js'
import { createDistributionStore } from '../storage/distribution-store.js'
import { insertEvents } from '../storage/event-store.js'
import { intakeDepsFor } from '../storage/intake-deps.js'
import { enqueueJobs } from '../storage/job-store.js'
import { createLeadCallQueue } from '../storage/lead-call-queue.js'
import { loadLeadCallback } from '../storage/load-lead-callback.js'
import { pruneFinishedJobs } from '../storage/prune-finished-jobs.js'
import { consoleRoutes } from './console-routes.js'
import type { Leadflow } from './context.js'

/**
 * The one place that plugs protocols and domains into the app: each adds its encapsulated
 * Fastify plugin (routes, content-type parsers, error handler) and the job tasks it owns.
 */
export async function registerDomains(app: FastifyInstance, lf: Leadflow): Promise<void> {
  const distribution = createDistributor({
    store: createDistributionStore(lf.db, lf.clock),
    deliverer: createDeliverer(lf.http, lf.config.publicUrl),
    clock: lf.clock,
    callQueue: createLeadCallQueue(lf.storage, lf.clock),
  })
  lf.distributor = distribution

  // Vendor protocols, each owning its parsers and error shapes.
  await app.register(leadexecPlugin, { lf })
  await app.register(leadconduitRoutes, { lf })
  await app.register(cakeRoutes, { lf })
  await app.register(comunik8Routes, { lf })
  await app.register(sandboxRoutes, { lf })

  // The native admin API under /api/v1 (docs/api.md).
  for (const routes of [
    nativePlugin,
    distributionRoutes,
    privacyRoutes,
    returnsRoutes,
    reasonsRoutes,
    diallerRoutes,
    suppressionRoutes,
  ]) {
    await app.register(routes, { lf, prefix: '/api/v1' })
  }
  await app.register(consoleRoutes, {})

  // Durable work: one handler per job task (src/core/jobs/job-payloads.ts lists them).
  const intake = intakeDepsFor(lf)
  const outbound: AttemptDeps = {
    http: lf.http,
    clock: lf.clock,
    recordEvents: (events) => insertEvents(lf.db, events),
  }
  const callbacks = {
    ...outbound,
    publicUrl: lf.config.publicUrl,
    loadCallback: (leadId: number) => loadLeadCallback(lf.db, leadId),
    loadPing: (pingId: string) => intake.store.loadPing(pingId),
  }
  lf.worker
    .handle({
      'intake.process': intakeProcessTask(intake),
      'intake.callback': intakeCallbackTask(callbacks),
      'intake.ping': intakePingTask(intake),
      'intake.ping-callback': intakePingCallbackTask(callbacks),
      'distribution.delivery-retry': deliveryRetryTask(distribution),
      'feedback.postback': feedbackPostbackTask(outbound),
      'jobs.prune': pruneJobsTask({
        clock: lf.clock,
        retentionMs: lf.config.jobRetentionHours * 3_600_000,
        pruneFinishedJobs: (before) => pruneFinishedJobs(lf.db, before),
        enqueue: (jobs) => enqueueJobs(lf.db, jobs, lf.clock.now()),
      }),
    })
    .onStart((now) => [nextPruneJob(now)])
}
