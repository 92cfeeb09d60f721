import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import type { JobPayloads } from '../../src/core/jobs/job-payloads.js'
import { nextPruneJob, PRUNE_EVERY_MS, pruneJobsTask } from '../../src/jobs/prune-jobs-task.js'
import { Worker } from '../../src/jobs/worker.js'
import { createJobQueue, enqueueJobs } from '../../src/storage/job-store.js'
import { pruneFinishedJobs } from '../../src/storage/prune-finished-jobs.js'
import { dialectsUnderTest, openTestStorage, type TestStorage } from '../helpers/databases.js'

const DAY = 86_400_000
const start = new Date('2026-11-23T10:20:00Z')

for (const kind of await dialectsUnderTest()) {
  describe(`jobs.prune [${kind}]`, () => {
    let t: TestStorage
    before(async () => {
      t = await openTestStorage(kind)
    })
    after(() => t.drop())

    /** One job of each state, finished `age` ms before `start` where it is finished. */
    async function seed(label: string, age: number) {
      const states = ['done', 'failed', 'queued', 'running'] as const
      await enqueueJobs(
        t.storage.db,
        states.map((s) => ({
          task: 'intake.process',
          payload: { leadId: 1 },
          options: { key: `${label}:${s}` },
        })),
        start,
      )
      const finishedAt = new Date(start.getTime() - age).toISOString()
      for (const status of states) {
        const finished = status === 'done' || status === 'failed'
        await t.storage.db
          .updateTable('jobs')
          .set({
            status,
            finished_at: finished ? finishedAt : null,
            key: finished ? null : `${label}:${status}`,
          })
          .where('key', '=', `${label}:${status}`)
          .execute()
      }
    }

    async function statuses(): Promise<string[]> {
      const rows = await t.storage.db
        .selectFrom('jobs')
        .select('status')
        .where('task', '=', 'intake.process')
        .execute()
      return rows.map((r) => r.status).sort()
    }

    test('deletes done and failed jobs finished before the cutoff, nothing else', async () => {
      await seed('old', 10 * DAY)
      await seed('recent', DAY)
      const deleted = await pruneFinishedJobs(t.storage.db, new Date(start.getTime() - 7 * DAY))
      assert.equal(deleted, 2)
      assert.deepEqual(await statuses(), ['done', 'failed', 'queued', 'queued', 'running', 'running'])
      assert.equal(await pruneFinishedJobs(t.storage.db, new Date(start.getTime() - 7 * DAY)), 0)
    })

    test('schedules itself once across nodes, prunes when due and enqueues its next run', async () => {
      let now = start
      const clock = { now: () => now }
      const node = () =>
        new Worker<Pick<JobPayloads, 'jobs.prune'>>(
          createJobQueue(t.storage),
          clock,
          pino({ level: 'silent' }),
          {
            concurrency: 1,
          },
        )
          .handle({
            'jobs.prune': pruneJobsTask({
              clock,
              retentionMs: 7 * DAY,
              pruneFinishedJobs: (before) => pruneFinishedJobs(t.storage.db, before),
              enqueue: (jobs) => enqueueJobs(t.storage.db, jobs, clock.now()),
            }),
          })
          .onStart((at) => [nextPruneJob(at)])
      const [a, b] = [node(), node()]
      await Promise.all([a.start(), b.start()])
      await Promise.all([a.stop(), b.stop()])
      await seed('older', 30 * DAY) // after start: on SQLite a start re-queues every running job
      const before = (await statuses()).length
      const pending = () =>
        t.storage.db
          .selectFrom('jobs')
          .selectAll()
          .where('task', '=', 'jobs.prune')
          .where('status', '=', 'queued')
          .execute()
      const first = await pending()
      assert.equal(first.length, 1, 'two nodes started, one prune job')
      assert.equal(first[0]!.run_at, '2026-11-23T11:00:00.000Z')
      await a.drain()
      assert.equal((await statuses()).length, before, 'not due yet: nothing pruned')
      now = new Date(start.getTime() + PRUNE_EVERY_MS)
      await a.drain()
      assert.equal((await statuses()).length, before - 2, 'the month-old done and failed jobs are gone')
      const live = await t.storage.db
        .selectFrom('jobs')
        .select('key')
        .where('key', 'like', 'older:%')
        .execute()
      assert.deepEqual(live.map((r) => r.key).sort(), ['older:queued', 'older:running'])
      const next = await pending()
      assert.equal(next.length, 1)
      assert.equal(next[0]!.run_at, '2026-11-23T12:00:00.000Z')
    })
  })
}
