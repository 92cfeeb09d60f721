import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { JobSpec } from '../../src/core/ports.js'
import type { TaskHandlers } from '../../src/jobs/task-handlers.js'

// Compile-time checks: `npm run typecheck` covers test/, so each `@ts-expect-error` below fails
// the build the day the registry stops rejecting that mistake.

const good: JobSpec[] = [
  { task: 'intake.process', payload: { leadId: 1 } },
  { task: 'intake.ping', payload: { pingId: 'p' }, options: { key: 'intake-ping:p' } },
  { task: 'jobs.prune', payload: {} },
]

// @ts-expect-error an unknown task name
const unknownTask: JobSpec = { task: 'intake.proces', payload: { leadId: 1 } }

// @ts-expect-error a payload of another task
const wrongPayload: JobSpec = { task: 'intake.process', payload: { pingId: 'p' } }

const wrongField: JobSpec = {
  task: 'distribution.delivery-retry',
  // @ts-expect-error a payload field of the wrong type
  payload: { leadId: '1', contractId: 2, attempt: 1 },
}

const noop = async () => {}

// @ts-expect-error a task without a handler
const incomplete: TaskHandlers = {
  'intake.process': noop,
  'intake.callback': noop,
  'intake.ping': noop,
  'intake.ping-callback': noop,
  'distribution.delivery-retry': noop,
  'feedback.postback': noop,
}

const handlers: TaskHandlers = {
  'intake.process': async (payload) => {
    // @ts-expect-error a handler sees its own payload type
    payload.pingId
  },
  'intake.callback': noop,
  'intake.ping': noop,
  'intake.ping-callback': noop,
  'distribution.delivery-retry': noop,
  'feedback.postback': noop,
  'jobs.prune': noop,
  'webhooks.fanout': noop,
  'webhooks.deliver': noop,
  'alerts.email': noop,
  'alerts.evaluate': noop,
  'redistribution.sweep': noop,
  'redistribution.offer': noop,
}

test('the job registry types compile (the checks are the @ts-expect-error lines)', () => {
  assert.equal(good.length, 3)
  assert.ok([unknownTask, wrongPayload, wrongField, incomplete, handlers].every(Boolean))
})
