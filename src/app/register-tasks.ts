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
import type { Worker } from '../jobs/worker.js'
import type { Services } from './services.js'

/** Durable work: one handler per job task, each given the services it uses. */
export function registerTasks(worker: Worker, services: Services): void {
  const { intake, distribution, legacy } = services
  worker.register(PROCESS_LEAD_TASK, intakeProcessTask(intake))
  worker.register(CALLBACK_TASK, intakeCallbackTask(legacy))
  worker.register(PING_TASK, intakePingTask(intake))
  worker.register(PING_CALLBACK_TASK, intakePingCallbackTask(legacy, intake))
  worker.register(DELIVERY_RETRY_TASK, deliveryRetryTask(distribution))
  worker.register(FEEDBACK_POSTBACK_TASK, feedbackPostbackTask(legacy))
}
