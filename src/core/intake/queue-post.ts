import { uuidV7 } from '../ids/uuid-v7.js'
import { authenticate } from './authenticate.js'
import type { IntakeCommand, QueueOutcome } from './intake-command.js'
import type { IntakeDeps } from './intake-deps.js'
import { PROCESS_LEAD_TASK } from './intake-tasks.js'
import { baseRecord } from './lead-record.js'

export const QUEUED_DETAIL = 'Lead has been queued for processing'

/**
 * An async post (seed 003, "Async Request"): the credentials are checked now, so a stranger's
 * post is refused at once and stores nothing; then the post and its processing job are written
 * in one transaction (transactional outbox), so an answered post is never lost. While the job
 * queue lags, an authenticated post first waits for room (`queueRoom`, bounded; docs/performance.md,
 * round 4): nothing is stored yet, so a seller that gives up meanwhile has lost nothing.
 */
export async function queuePost(deps: IntakeDeps, cmd: IntakeCommand): Promise<QueueOutcome> {
  const post = { postId: uuidV7(), receivedAt: deps.clock.now().toISOString() }
  const auth = await authenticate(deps, cmd.credentials, cmd.leadTypeId)
  if (!auth.ok) return { queued: false, postId: '', detail: auth.detail, reason: auth.reason }
  await deps.queueRoom?.()
  await deps.store.saveQueued(baseRecord(cmd, auth.source.id, post, true), (leadId) => [
    { task: PROCESS_LEAD_TASK, payload: { leadId }, options: { key: `intake:${leadId}` } },
  ])
  return { queued: true, postId: post.postId, detail: QUEUED_DETAIL }
}
