import type { FastifyInstance } from 'fastify'
import { createDistributor } from '../core/distribution/create-distributor.js'
import { createDeliverer } from '../core/distribution/deliverer.js'
import { DELIVERY_RETRY_TASK } from '../core/distribution/sell-to-contract.js'
import { FEEDBACK_POSTBACK_TASK } from '../core/feedback/postback-job.js'
import {
  CALLBACK_TASK,
  PING_CALLBACK_TASK,
  PING_TASK,
  PROCESS_LEAD_TASK,
} from '../core/intake/intake-tasks.js'
import { deliveryRetryTask } from '../jobs/delivery-retry-task.js'
import { feedbackPostbackTask } from '../jobs/feedback-postback-task.js'
import { intakeCallbackTask } from '../jobs/intake-callback-task.js'
import { intakePingCallbackTask, intakePingTask } from '../jobs/intake-ping-tasks.js'
import { intakeProcessTask } from '../jobs/intake-process-task.js'
import { cakeRoutes } from '../protocols/cake/cake-routes.js'
import { comunik8Routes } from '../protocols/comunik8/comunik8-routes.js'
import { leadconduitRoutes } from '../protocols/leadconduit/feedback-routes.js'
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
import { intakeDepsFor } from '../storage/intake-deps.js'
import { createLeadCallQueue } from '../storage/lead-call-queue.js'
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

  // Durable work: one handler per job task.
  const intake = intakeDepsFor(lf)
  lf.worker.register(PROCESS_LEAD_TASK, intakeProcessTask(intake))
  lf.worker.register(CALLBACK_TASK, intakeCallbackTask(lf))
  lf.worker.register(PING_TASK, intakePingTask(intake))
  lf.worker.register(PING_CALLBACK_TASK, intakePingCallbackTask(lf, intake))
  lf.worker.register(DELIVERY_RETRY_TASK, deliveryRetryTask(distribution))
  lf.worker.register(FEEDBACK_POSTBACK_TASK, feedbackPostbackTask(lf))
}
